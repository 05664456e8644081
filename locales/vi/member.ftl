## Hội thoại của đảng viên: tham gia chi bộ, kế hoạch năm, báo cáo tháng, lịch sử, lịch sinh hoạt

## Dùng chung trong các cửa sổ
member-error = ⚠️ { $error }
member-notice = ✅ { $notice }
member-page-number = <i>Trang { $page }/{ $pages }</i>
member-page-prev = ◀️ Trang trước
member-page-next = Trang sau ▶️
member-to-menu = 🏠 Menu chính
error-input-not-text = Ở bước này bot chỉ nhận nội dung gõ bằng chữ. Đồng chí gõ nội dung rồi gửi lại.

## Kế hoạch năm
plan-status-none = Chưa lập
plan-status-draft = Bản nháp, chưa đăng ký
plan-status-submitted = Đã đăng ký, chờ bí thư xem xét
plan-status-acknowledged = Bí thư đã ghi nhận
plan-status-returned = Bí thư trả lại để bổ sung
plan-overview-title = <b>Kế hoạch năm { $year }</b> › Tổng quan
plan-theme = 📖 Chuyên đề năm { $year }: <i>{ $theme }</i>
plan-overview =
    Trạng thái: <b>{ $status }</b>
    Đã ghi { $count } việc. Chọn từng phần để thêm, sửa hoặc xóa việc; xong thì xem lại và bấm «Đăng ký».
plan-returned-comment = 💬 Ý kiến của bí thư: <i>{ $comment }</i>
plan-locked = 🔒 Kế hoạch đã được bí thư ghi nhận nên không sửa được nữa. Muốn thay đổi, đồng chí đề nghị bí thư trả lại kế hoạch.
plan-section-button = { $position }. { $title } ({ $count })
plan-copy-button = 📋 Chép các việc của năm { $prev_year }
plan-preview-button = 👁 Xem toàn bộ kế hoạch
plan-submit-button = 📨 Đăng ký kế hoạch
plan-to-overview = 📋 Tổng quan kế hoạch
plan-section =
    <b>Kế hoạch năm { $year } › Phần { $position }/{ $section_count }: { $title }</b>
    Trạng thái: { $status }
plan-section-guidance = 💡 { $guidance }
plan-section-example = Ví dụ: <i>{ $example }</i>
plan-section-items =

    { $items }
plan-section-empty = <i>Chưa có việc nào trong phần này.</i>
plan-section-input = ✍️ Gõ nội dung một việc cụ thể (từ 5 đến 500 ký tự) rồi gửi để thêm vào phần này. Bấm vào một việc để sửa, xóa hoặc đổi thứ tự.
plan-item-line = { $number }. { $text }
plan-item-button = ✏️ { $number }. { $text }
plan-prev-section = ◀️ Phần trước
plan-next-section = Phần sau ▶️
plan-item-added = Đã thêm việc vào kế hoạch.
plan-item =
    <b>Kế hoạch năm { $year } › Phần { $position }: { $title } › Việc { $number }</b>

    { $text }
plan-edit-button = ✏️ Sửa
plan-delete-button = 🗑 Xóa
plan-up-button = ⬆️ Lên trên
plan-down-button = ⬇️ Xuống dưới
plan-edit =
    <b>Kế hoạch năm { $year } › Phần { $position } › Việc { $number } › Sửa</b>
    Nội dung hiện tại (chạm để sao chép):
    <code>{ $text }</code>

    ✍️ Gõ nội dung mới (từ 5 đến 500 ký tự) rồi gửi.
plan-item-saved = Đã lưu nội dung mới.
plan-delete-confirm =
    <b>Kế hoạch năm { $year } › Phần { $position } › Việc { $number } › Xóa</b>
    Đồng chí chắc chắn xóa việc này?

    { $text }
plan-delete-yes = 🗑 Xóa
plan-delete-no = Không xóa
plan-item-deleted = Đã xóa việc khỏi kế hoạch.
plan-copied = Đã chép { $count } việc từ kế hoạch năm trước. Đồng chí xem lại từng phần và sửa cho phù hợp.
plan-preview =
    <b>Kế hoạch năm { $year } › Xem toàn bộ</b>
    Trạng thái: <b>{ $status }</b>

    { $body }
plan-preview-title = <b>Kế hoạch cá nhân { $title } năm { $year }</b>
plan-preview-section = <b>{ $position }. { $title }</b>
plan-submitted-notice = Đã đăng ký kế hoạch. Bí thư chi bộ đã được báo. Đồng chí vẫn sửa được cho đến khi bí thư ghi nhận.
plan-notify-submitted = 📋 Đồng chí <b>{ $name }</b> đã đăng ký kế hoạch cá nhân năm { $year } ({ $count } việc). Đồng chí xem và ghi nhận trong mục quản lý kế hoạch.
plan-notify-acknowledged = ✅ Bí thư chi bộ đã ghi nhận kế hoạch cá nhân năm { $year } của đồng chí.
plan-notify-returned =
    ↩️ Bí thư chi bộ đã trả lại kế hoạch cá nhân năm { $year } của đồng chí để bổ sung.
    Ý kiến: <i>{ $comment }</i>
    Đồng chí mở «Kế hoạch năm» để sửa rồi đăng ký lại.

error-plan-section-not-found = Không tìm thấy phần này trong kế hoạch của đồng chí.
error-plan-item-not-found = Không tìm thấy việc này trong kế hoạch của đồng chí.
error-plan-not-found = Không tìm thấy kế hoạch này.
error-plan-too-many-items = Kế hoạch đã có quá nhiều việc (tối đa { $max }). Đồng chí gộp hoặc bớt một số việc.
error-plan-nothing-to-copy = Đồng chí chưa có kế hoạch năm { $year } để chép.
error-plan-empty = Kế hoạch chưa có việc nào. Đồng chí thêm ít nhất một việc rồi đăng ký.
error-plan-already-submitted = Kế hoạch đã được đăng ký. Những thay đổi tiếp theo được lưu ngay, không cần đăng ký lại.
error-plan-locked = Kế hoạch đã được bí thư ghi nhận nên không sửa được. Muốn thay đổi, đồng chí đề nghị bí thư trả lại kế hoạch.
error-plan-not-submitted = Kế hoạch này chưa được đăng ký nên chưa thể xem xét.

## Báo cáo tháng
report-status-none = Chưa chọn
report-status-done = Hoàn thành
report-status-in-progress = Đang thực hiện
report-status-not-started = Chưa thực hiện
report-status-done-button = ✅ Hoàn thành
report-status-in-progress-button = 🔄 Đang thực hiện
report-status-not-started-button = ⏸ Chưa thực hiện
report-state-draft = Bản nháp, chưa gửi (đã tự lưu)
report-state-submitted = Đã gửi
report-item =
    <b>Báo cáo tháng { $month }/{ $year } › Việc { $number }/{ $total }</b>
    Phần: <i>{ $section }</i>

    { $text }

    Kết quả: <b>{ $status }</b>
    Đồng chí chọn mức độ thực hiện trong tháng:
report-item-note = Ghi chú: <i>{ $note }</i>
report-prev-item = ◀️ Việc trước
report-next-item = Việc sau ▶️
report-preview-button = 👁 Xem trước báo cáo
report-note =
    <b>Báo cáo tháng { $month }/{ $year } › Việc { $number }/{ $total } › Ghi chú</b>
    { $text }
    Kết quả: <b>{ $status }</b>

    ✍️ Gõ một ghi chú ngắn (tối đa 500 ký tự) nếu cần, hoặc bấm «Bỏ qua».
report-skip-note = Bỏ qua ▶️
report-clear-note = 🗑 Xóa ghi chú
report-no-plan =
    <b>Báo cáo tháng { $month }/{ $year }</b>
    Đồng chí chưa có việc nào trong kế hoạch năm { $year }. Đồng chí có thể lập kế hoạch trước, hoặc báo cáo tự do những việc đã làm trong tháng.
report-make-plan = 📋 Lập kế hoạch năm
report-free-report = 📝 Báo cáo tự do
report-free =
    <b>Báo cáo tháng { $month }/{ $year } › Việc làm khác ngoài kế hoạch</b>

    { $body }

    ✍️ Gõ nội dung một việc đã làm (từ 5 đến 500 ký tự) rồi gửi để thêm. Bấm vào một việc để xóa. Xong thì bấm «Tiếp tục».
report-free-empty = <i>Chưa có việc nào.</i>
report-free-delete = 🗑 { $number }. { $text }
report-free-added = Đã thêm việc vào báo cáo.
report-free-deleted = Đã xóa việc khỏi báo cáo.
report-continue = Tiếp tục ▶️
report-difficulties =
    <b>Báo cáo tháng { $month }/{ $year } › Khó khăn, vướng mắc</b>
    ✍️ Gõ những khó khăn trong tháng (tối đa 2000 ký tự), hoặc bấm «Không có».
report-current-difficulties = Đã ghi: <i>{ $difficulties }</i>
report-proposals =
    <b>Báo cáo tháng { $month }/{ $year } › Kiến nghị, đề xuất</b>
    ✍️ Gõ kiến nghị, đề xuất với chi bộ (tối đa 2000 ký tự), hoặc bấm «Không có».
report-current-proposals = Đã ghi: <i>{ $proposals }</i>
report-none-button = Không có
report-keep-button = Giữ nguyên ▶️
report-preview =
    <b>Báo cáo tháng { $month }/{ $year } › Xem trước</b>
    Trạng thái: <b>{ $state_text }</b>. Sửa được đến hết ngày { $deadline }.

    { $body }
report-preview-items-title = <b>Các việc trong kế hoạch</b>
report-preview-item = { $number }. { $text } — <b>{ $status }</b>
report-preview-note =     <i>Ghi chú: { $note }</i>
report-preview-free-title = <b>Việc làm khác</b>
report-preview-free = { $number }. { $text }
report-preview-difficulties = <b>Khó khăn:</b> { $text }
report-preview-proposals = <b>Kiến nghị:</b> { $text }
report-submit-button = 📨 Gửi báo cáo
report-edit-items = ✏️ Sửa từng việc
report-edit-free = ➕ Việc khác
report-edit-difficulties = ⚠️ Khó khăn
report-edit-proposals = 💬 Kiến nghị
report-change-month = 📅 Đổi tháng báo cáo
report-months = <b>Báo cáo tháng</b> › Chọn tháng cần báo cáo:
report-month-button = Tháng { $month }/{ $year }
report-submitted-notice = Đã gửi báo cáo. Đồng chí vẫn sửa được trong thời hạn; mọi thay đổi được lưu ngay.

error-report-month-invalid = Tháng { $month } không hợp lệ.
error-report-future-month = Chưa đến kỳ báo cáo tháng { $month }/{ $year }. Đồng chí báo cáo tháng của buổi sinh hoạt sắp tới.
error-report-closed = Đã hết hạn sửa báo cáo tháng { $month }/{ $year } (hạn cuối ngày { $date }).
error-report-not-found = Không tìm thấy báo cáo này của đồng chí.
error-report-item-not-found = Không tìm thấy việc này trong báo cáo của đồng chí.
error-report-status-first = Đồng chí chọn mức độ thực hiện trước, rồi mới ghi chú.
error-report-too-many-free-items = Báo cáo đã có đủ { $max } việc làm khác.
error-report-items-missing = Còn { $count } việc chưa chọn mức độ thực hiện. Đồng chí bấm «Sửa từng việc» để hoàn thành.
error-report-empty = Báo cáo chưa có nội dung. Đồng chí thêm ít nhất một việc đã làm.

## Lịch sử
history-months =
    <b>Lịch sử báo cáo › Năm { $year }</b>
    Đã gửi { $submitted } báo cáo. Chọn một tháng để xem lại.
history-month-submitted = ✅ Tháng { $month }: đã gửi ngày { $date }
history-month-draft = 📝 Tháng { $month }: bản nháp, chưa gửi
history-month-missing = ▫️ Tháng { $month }: chưa báo cáo
history-prev-year = ◀️ Năm { $prev_year }
history-next-year = Năm { $next_year } ▶️
history-report =
    <b>Lịch sử báo cáo › Tháng { $month }/{ $year }</b>
    Trạng thái: <b>{ $state_text }</b>

    { $body }

## Lịch sinh hoạt, xin vắng
meeting-next =
    <b>Lịch sinh hoạt › Buổi sinh hoạt tới</b>
    📅 { $weekday ->
        [0] Thứ Hai
        [1] Thứ Ba
        [2] Thứ Tư
        [3] Thứ Năm
        [4] Thứ Sáu
        [5] Thứ Bảy
       *[6] Chủ nhật
    }, ngày { $date }, lúc { $time }
    📍 { $place }
    { $kind ->
        [thematic] 📚 Sinh hoạt chuyên đề
       *[regular] Sinh hoạt định kỳ
    }
meeting-topic = 📝 Nội dung: { $topic }
meeting-cancelled = ❌ Buổi sinh hoạt này đã bị hủy.
meeting-absent = 🙋 Đồng chí đã xin vắng, lý do: <i>{ $reason }</i>
meeting-none = Chi bộ chưa có lịch sinh hoạt sắp tới.
meeting-absence-button = 🙋 Xin vắng buổi này
meeting-confirm-button = ✅ Tôi sẽ tham dự
meeting-confirmed = ✅ Đồng chí đã xác nhận sẽ tham dự.
meeting-confirm-sent = Đã ghi nhận đồng chí sẽ tham dự buổi sinh hoạt.
meeting-absence =
    <b>Lịch sinh hoạt › Xin vắng buổi ngày { $date }</b>
    ✍️ Gõ lý do vắng mặt (từ 3 đến 500 ký tự) rồi gửi. Bí thư chi bộ sẽ được báo ngay.
meeting-absence-sent = Đã gửi giấy xin vắng. Bí thư chi bộ đã được báo.
meeting-notify-absence = 🙋 Đồng chí <b>{ $name }</b> xin vắng buổi sinh hoạt lúc { $when }. Lý do: <i>{ $reason }</i>

error-absence-meeting-not-found = Không tìm thấy buổi sinh hoạt này của chi bộ đồng chí.
error-absence-meeting-cancelled = Buổi sinh hoạt này đã bị hủy, không cần xin vắng.
error-absence-meeting-past = Buổi sinh hoạt này đã diễn ra, không thể xin vắng nữa.

## Tham gia chi bộ
join-confirm =
    <b>Tham gia { $cell }</b>
    Họ và tên của đồng chí: <b>{ $name }</b>
    Nếu đúng, đồng chí bấm «Tham gia»; nếu chưa đúng, bấm «Sửa họ tên».
join-name-reordered = Họ tên được sắp theo thứ tự họ trước, tên sau; trên Telegram đồng chí ghi «{ $telegram_name }».
join-needs-approval = Sau khi đồng chí bấm «Tham gia», bí thư chi bộ sẽ duyệt yêu cầu.
join-button = ✅ Tham gia
join-edit-name = ✏️ Sửa họ tên
join-name =
    <b>Tham gia { $cell } › Họ và tên</b>
    ✍️ Gõ họ và tên đầy đủ, có dấu (từ 2 đến 120 ký tự), ví dụ: Nguyễn Văn An.
join-invalid =
    <b>Tham gia chi bộ</b>
    ✍️ Đồng chí kiểm tra lại mã mời do bí thư chi bộ gửi và gõ lại vào đây.
join-done =
    <b>Chào mừng đồng chí { $name } đến với { $cell }.</b>
    Bí thư chi bộ đã được báo. Đồng chí bắt đầu bằng việc lập kế hoạch năm trong menu chính.
join-pending =
    <b>Đã gửi yêu cầu tham gia { $cell }.</b>
    Yêu cầu của đồng chí { $name } đang chờ bí thư duyệt. Bot sẽ báo ngay khi được duyệt.
join-notify-joined = 👤 Đồng chí <b>{ $name }</b> đã tham gia { $cell } qua mã mời.
join-notify-pending = 👤 Đồng chí <b>{ $name }</b> xin tham gia { $cell }. Đồng chí vào mục quản lý đảng viên để duyệt hoặc từ chối.
