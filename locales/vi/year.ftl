## Cấu hình kế hoạch năm: tên kế hoạch, chuyên đề năm, các phần

# Cách gọi tên kế hoạch (từ năm 2025 văn bản chính thức thêm "thực hành").
plan-title-lam-theo = học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh
plan-title-thuc-hanh = học tập, làm theo và thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh

## Cửa sổ cấu hình năm (bí thư, đảng ủy)
year-menu-button = 🗓 Cấu hình năm
year-scope-national = Cấu hình chung
year-setup =
    <b>Cấu hình kế hoạch năm { $year }</b> › { $scope }
    { $source }
    Tên kế hoạch: <i>Kế hoạch cá nhân { $plan_title } năm { $year }</i>
year-setup-theme = Chuyên đề năm: <i>{ $theme }</i>
year-setup-no-theme = Chuyên đề năm: (chưa đặt)
year-setup-sections =

    <b>Các phần của kế hoạch</b>
    { $sections }
year-setup-read-only = { $read_only_text }
year-section-line = { $position }. { $title }{ $plans ->
    [0] {""}
   *[other] {" "}({ $plans } kế hoạch)
}
year-source-own-committee = Cấu hình riêng của đảng ủy cho các chi bộ trực thuộc.
year-source-own-national = Cấu hình chung, cho các chi bộ mà đảng ủy chưa có cấu hình riêng.
year-source-national = Đảng ủy chưa có cấu hình riêng cho năm này nên đang theo cấu hình chung; sửa một mục là đảng ủy có cấu hình riêng, bắt đầu từ cấu hình chung.
year-source-template = Năm này chưa được cấu hình nên đang dùng mẫu có sẵn; sửa một mục là mẫu được lưu thành cấu hình của năm.
year-read-only-committee = Cấu hình này do đảng ủy đặt; chi bộ chỉ xem.
year-read-only-national = Cấu hình chung do bí thư chi bộ đặt; phó bí thư chỉ xem.
year-section-button = { $position }. { $title }
year-theme-button = ✏️ Chuyên đề năm
year-wording-to-follow = Gọi tên: «học tập và làm theo»
year-wording-to-practise = Gọi tên: «học tập, làm theo và thực hành»
year-copy-button = 📋 Chép cấu hình năm { $prev_year }
year-prev-year = ◀️ Năm { $prev_year }
year-next-year = Năm { $next_year } ▶️
year-ask-theme =
    <b>Cấu hình năm { $year } › Chuyên đề năm</b>
    Gõ chuyên đề năm { $year } (tối đa 1000 ký tự) rồi gửi.
year-theme-current = Hiện tại: <i>{ $theme }</i>
year-theme-clear-button = 🗑 Bỏ chuyên đề
year-theme-saved = Đã lưu chuyên đề năm { $year }.
year-theme-cleared = Đã bỏ chuyên đề năm { $year }.
year-saved = Đã lưu cấu hình năm { $year }.
year-copy-confirm =
    <b>Cấu hình năm { $year } › Chép năm { $prev_year }</b>
    Chép các phần, tên kế hoạch và thời hạn đăng ký của năm { $prev_year } sang năm { $year }? Các phần được thay theo số thứ tự; chuyên đề năm { $year } giữ nguyên.
year-copy-yes = 📋 Chép
year-copy-no = Không chép
year-copied = Đã chép cấu hình năm { $prev_year } sang năm { $year }.
year-section =
    <b>Cấu hình năm { $year } › Phần { $position }: { $title }</b>
    { $usage }
year-section-guidance = 💡 { $guidance }
year-section-used = Đã có việc trong { $plans } kế hoạch: đổi tên được, không bỏ được.
year-section-unused = Chưa có kế hoạch nào có việc trong phần này.
year-rename-button = ✏️ Đổi tên phần
year-up-button = ⬆️ Lên trên
year-down-button = ⬇️ Xuống dưới
year-rename =
    <b>Cấu hình năm { $year } › Phần { $position } › Đổi tên</b>
    Tên hiện tại (chạm để sao chép): <code>{ $title }</code>
    Gõ tên mới (từ 2 đến 300 ký tự) rồi gửi.
