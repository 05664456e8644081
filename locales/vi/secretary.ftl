## Xuất tệp (xlsx, docx, biểu đồ), công việc bí thư chi bộ và đảng ủy

## Biểu đồ
export-chart-month = T{ $month }
export-chart-reporting = Tỉ lệ báo cáo
export-chart-completion = Tỉ lệ việc hoàn thành
export-chart-threshold = Ngưỡng cần quan tâm
export-chart-year-title = { $cell }: báo cáo và hoàn thành kế hoạch năm { $year }
export-chart-cells-title = { $committee }: các chi bộ tháng { $period }

## Bảng tính tháng
export-sheet-members = Tổng hợp
export-sheet-items = Chi tiết
export-col-number = STT
export-col-name = Họ và tên
export-col-reported = Đã báo cáo
export-col-submitted-on = Ngày gửi
export-col-on-time = Đúng hạn
export-col-done = Hoàn thành
export-col-in-progress = Đang thực hiện
export-col-not-started = Chưa thực hiện
export-col-notes = Ghi chú
export-col-free-items = Việc làm thêm
export-col-difficulties = Khó khăn
export-col-proposals = Kiến nghị
export-col-section = Nội dung
export-col-item = Việc đăng ký
export-col-status = Kết quả
export-col-note = Ghi chú
export-col-cell = Chi bộ
export-col-members = Số đảng viên
export-col-reporting-rate = Tỉ lệ báo cáo
export-col-completion-rate = Tỉ lệ hoàn thành
export-col-below = Cần quan tâm
export-yes = Có
export-total = Tổng cộng
export-no = Không
export-sheet-title = { $cell }: kết quả thực hiện kế hoạch tháng { $period }
export-sheet-cells = Các chi bộ
export-sheet-rollup-title = { $committee }: tình hình báo cáo của các chi bộ tháng { $period }
export-col-report = Báo cáo
export-report-on-time = Đúng hạn
export-report-late = Muộn

export-status-done = Hoàn thành
export-status-in-progress = Đang thực hiện
export-status-not-started = Chưa thực hiện
export-status-missing = Chưa báo cáo

## Báo cáo docx
export-party = ĐẢNG CỘNG SẢN VIỆT NAM
export-cell-prefix = Chi bộ
export-star = *
# { $symbol }: the issuing body's abbreviation, CB for a cell, the committee's own (ĐU, ĐUK…).
export-number-line = Số       -BC/{ $symbol }
export-cell-symbol = CB
export-committee-symbol = ĐU
export-place-date = { $place }, ngày { $day } tháng { $month } năm { $year }
export-place-blank = ……………
export-report-title = BÁO CÁO
export-month-subtitle = Kết quả thực hiện kế hoạch { $plan } tháng { $period }
export-theme-line = Chuyên đề năm { $year }: “{ $theme }”
export-heading-figures = I. KẾT QUẢ CHUNG
export-figure-period = Thời gian báo cáo: từ ngày { $since } đến ngày { $until }.
export-figure-registered = Số đồng chí đã đăng ký kế hoạch: { $registered }/{ $members } ({ $rate }).
export-figure-members = Tổng số đảng viên của chi bộ trong tháng: { $members } đồng chí.
export-figure-reported = Số đồng chí đã báo cáo: { $reported }/{ $members } ({ $rate }), trong đó { $on_time } đồng chí báo cáo đúng hạn.
export-figure-missing = Số đồng chí chưa báo cáo: { $missing }.
export-figure-items = Tổng số việc đăng ký: { $items }; hoàn thành { $done } ({ $rate }), đang thực hiện { $in_progress }, chưa thực hiện { $not_started }, chưa được báo cáo { $not_reported }.
export-heading-sections = II. KẾT QUẢ THEO TỪNG NỘI DUNG
export-heading-models = III. GƯƠNG ĐIỂN HÌNH, VIỆC LÀM TIÊU BIỂU
export-heading-difficulties = IV. KHÓ KHĂN, VƯỚNG MẮC
export-heading-proposals = V. KIẾN NGHỊ, ĐỀ XUẤT
export-appendix-title = PHỤ LỤC: KẾT QUẢ CỦA TỪNG ĐỒNG CHÍ
export-appendix-subtitle = Tháng { $period } — tài liệu nội bộ của chi bộ, không gửi kèm báo cáo
export-section-line = - { $section }: hoàn thành { $done }/{ $planned } việc ({ $rate }).
export-none = Không có.
export-model-line = - Đồng chí { $name }: { $item }: { $note }
export-voice-line = - Đồng chí { $name }: { $text }
export-recipients = Nơi nhận:
export-recipient-committee = - { $committee },
export-recipient-higher = - Cấp ủy cấp trên,
export-recipient-archive = - Lưu chi bộ.
export-recipient-archive-committee = - Lưu văn phòng đảng ủy.
export-on-behalf-cell = T/M CHI BỘ
export-secretary = BÍ THƯ
export-on-behalf-committee = T/M ĐẢNG ỦY
export-deputy-secretary = PHÓ BÍ THƯ
# A compilation of a member's reports is signed by the person who compiled it.
export-compiler = NGƯỜI TỔNG HỢP

## Minh chứng cả năm của một đảng viên
# Hướng dẫn 36-HD/VPTW has no "tổng hợp" document type: the compilation is a báo cáo (BC).
export-evidence-subtitle = Tổng hợp kết quả thực hiện kế hoạch cá nhân { $plan } { $period } của đồng chí { $name }
export-evidence-year = năm { $year }
export-evidence-quarter = quý { $quarter ->
        [1] I
        [2] II
        [3] III
       *[4] IV
    } năm { $year }
export-evidence-note = Tài liệu tổng hợp từ các báo cáo hằng tháng của đồng chí, phục vụ kiểm điểm, đánh giá, xếp loại đảng viên. Việc đánh giá, xếp loại do chi bộ quyết định.
export-evidence-party-status = Đồng chí { $name } là đảng viên { $status ->
        [probationary] dự bị
       *[official] chính thức
    } (tại ngày lập báo cáo).
export-evidence-membership = Thời gian sinh hoạt tại chi bộ trong kỳ: { $months } tháng ({ $spans }).
export-evidence-other-cell = Thời gian sinh hoạt tại { $cell }: { $spans }, đã báo cáo { $reported }/{ $months } tháng (tính vào kết quả của chi bộ đó).
export-evidence-months = Số tháng đã báo cáo tại chi bộ: { $reported }/{ $months } ({ $rate }), trong đó { $on_time } tháng đúng hạn.
export-evidence-months-list = Các tháng đã báo cáo: { $list }.
export-evidence-months-none = Các tháng đã báo cáo: không có.
export-evidence-items = Số việc đăng ký: { $items }; hoàn thành trong kỳ: { $done } ({ $rate }).
export-heading-evidence-items = II. KẾT QUẢ TỪNG VIỆC ĐÃ ĐĂNG KÝ
export-heading-evidence-notes = III. GHI CHÚ THEO THÁNG
export-heading-free-items = IV. VIỆC LÀM THÊM NGOÀI KẾ HOẠCH
export-heading-difficulties-proposals = V. KHÓ KHĂN, KIẾN NGHỊ ĐÃ NÊU
export-evidence-last-status = Kết quả gần nhất
export-evidence-done-months = Tháng báo cáo hoàn thành
export-evidence-note-line = - Tháng { $period }, { $item }: { $note }
export-evidence-free-line = - Tháng { $period }: { $text }

## Đảng ủy: tổng hợp các chi bộ
export-rollup-subtitle = Tình hình báo cáo kết quả thực hiện kế hoạch { $plan } của các chi bộ tháng { $period }
export-rollup-figures = Số chi bộ: { $cells }; tổng số đảng viên: { $members }; đã báo cáo: { $reported } ({ $rate }), trong đó { $on_time } đúng hạn.
export-rollup-below = Số chi bộ có tỉ lệ báo cáo dưới { $threshold }: { $count }.
export-heading-rollup-table = II. KẾT QUẢ TỪNG CHI BỘ

## Tên tệp (không dấu, để mọi máy đều mở được)
export-file-month = bao-cao-thang-{ $period }-{ $cell }
export-file-chart = bieu-do-nam-{ $period }-{ $cell }
export-file-evidence = minh-chung-{ $period }-{ $member }
export-file-period-year = nam-{ $year }
export-file-period-quarter = quy-{ $quarter }-{ $year }
export-file-rollup = tong-hop-cac-chi-bo-{ $period }-{ $committee }

## Nhắc báo cáo
sec-nudge-message =
    Kính gửi đồng chí { $name }.
    Chi bộ chưa nhận được báo cáo kết quả thực hiện kế hoạch tháng { $period } của đồng chí. Đề nghị đồng chí báo cáo trước ngày { $deadline }: gõ /menu rồi chọn «Báo cáo tháng».
sec-nudge-message-late =
    Kính gửi đồng chí { $name }.
    Chi bộ chưa nhận được báo cáo kết quả thực hiện kế hoạch tháng { $period } của đồng chí; hạn báo cáo ngày { $deadline } đã qua. Đề nghị đồng chí bổ sung báo cáo sớm: gõ /menu rồi chọn «Báo cáo tháng».

## Công việc bí thư: tổng hợp tháng
sec-menu = 📋 Công việc bí thư
sec-prev-month = ◀️ Tháng trước
sec-next-month = Tháng sau ▶️
sec-summary = { $body }
sec-summary-head =
    <b>{ $cell }: tháng { $period }</b>
    { $reported }/{ $members } đồng chí đã báo cáo ({ $on_time } đúng hạn). Hạn báo cáo: { $deadline }.
sec-summary-items = Việc đăng ký: hoàn thành { $done }/{ $planned } ({ $rate }).
sec-summary-section = • { $section }: { $done }/{ $planned } ({ $rate })
sec-summary-notes-head = <b>Ghi chú đáng chú ý</b>
sec-summary-note = • { $name }, «{ $item }»: { $note }
sec-summary-free-head = <b>Việc làm thêm ngoài kế hoạch</b>
sec-summary-difficulties-head = <b>Khó khăn</b>
sec-summary-proposals-head = <b>Kiến nghị</b>
sec-summary-voice = • { $name }: { $text }
sec-open-missing = ⏰ Đồng chí chưa báo cáo
sec-open-members = 📄 Báo cáo của từng đồng chí
sec-open-models = 🌟 Gương điển hình
sec-models =
    <b>Tháng { $period }: gương điển hình, việc làm tiêu biểu</b>
    Chọn những việc đã hoàn thành để đưa vào báo cáo tháng (bấm lại để bỏ chọn). Đã chọn: { $chosen }.
sec-models-none = <b>Tháng { $period }</b>: chưa có việc nào được báo cáo là đã hoàn thành.
sec-model-chosen = ✅ { $name }: { $item }
sec-model-open = ▫️ { $name }: { $item }
sec-export-xlsx = 📊 Excel
sec-export-docx = 📝 Word
sec-export-png = 📈 Biểu đồ
sec-export-caption = Kết quả thực hiện kế hoạch tháng { $period }.
sec-evidence-caption = Minh chứng kết quả thực hiện kế hoạch năm { $year }.
sec-evidence-caption-quarter = Minh chứng kết quả thực hiện kế hoạch quý { $quarter } năm { $year }.
sec-export-evidence = 📝 Minh chứng cả năm (Word)
sec-export-evidence-quarter = 📝 Minh chứng quý của tháng đang xem (Word)

sec-missing =
    <b>Tháng { $period }: { $count } đồng chí chưa báo cáo</b>
    { $lines }
sec-missing-line = • { $name }
sec-missing-unreachable = • { $name } (chưa kết nối với bot, cần nhắc trực tiếp)
sec-nudge-one = 🔔 Nhắc { $name }
sec-nudge-all = 🔔 Nhắc tất cả
sec-nudged = Đã gửi lời nhắc tới { $queued } đồng chí; { $repeated } đồng chí đã được nhắc hôm nay; { $unreachable } đồng chí chưa kết nối với bot.

sec-members = <b>Tháng { $period }</b>: chọn đồng chí để xem báo cáo.
sec-member-reported = ✅ { $name }
sec-member-missing = ⏳ { $name }
sec-report = { $body }
sec-report-head = <b>{ $name }: tháng { $period }</b> ({ $state })
sec-report-submitted = đã báo cáo
sec-report-missing = chưa báo cáo
sec-report-item =
    • { $item }
      { $status }: { $note }
sec-report-text = • { $text }
sec-no-note = không có ghi chú
sec-status-done = ✅ Hoàn thành
sec-status-in-progress = 🔄 Đang thực hiện
sec-status-not-started = ⏸ Chưa thực hiện
sec-status-missing = ❔ Chưa báo cáo

## Đảng ủy: tổng hợp các chi bộ
com-menu = 🏛 Đảng ủy
com-rollup = { $body }
com-rollup-head =
    <b>{ $committee }: tháng { $period }</b>
    { $cells } chi bộ; { $reported }/{ $members } đồng chí đã báo cáo ({ $rate }), { $on_time } đúng hạn.
com-rollup-cell = • { $cell }: { $reported }/{ $members } báo cáo ({ $rate }), { $on_time } đúng hạn; hoàn thành { $completion }
com-rollup-cell-below = ⚠️ <b>{ $cell }</b>: { $reported }/{ $members } báo cáo ({ $rate }), { $on_time } đúng hạn; hoàn thành { $completion }
com-export-caption = Tình hình các chi bộ tháng { $period }.
com-export-docx-deputy = 📝 Word, phó bí thư ký
com-open-names = 🏛 Thông tin đảng bộ
com-names =
    <b>Thông tin đảng bộ trên văn bản</b>
    Tên đảng bộ: <b>{ $name }</b>
    Tên đảng ủy (ký và nhận văn bản): <b>{ $executive_name }</b>
    Đảng bộ cấp trên (in phía trên tên đảng ủy): <b>{ $upper_unit }</b>
    Ký hiệu văn bản: <b>{ $symbol }</b> (như «Số 12-BC/{ $symbol }»)
    Địa danh ở dòng ngày tháng: <b>{ $locality }</b>
    Chi bộ nào chưa ghi địa danh hay dòng cấp trên riêng thì văn bản của chi bộ in địa danh và tên đảng bộ này.
com-names-unset = (chưa ghi)
com-names-edit = ✏️ { $field }
com-field-name = Tên đảng bộ
com-field-executive-name = Tên đảng ủy
com-field-upper-unit = Đảng bộ cấp trên
com-field-symbol = Ký hiệu văn bản
com-field-locality = Địa danh
com-ask-name =
    <b>Thông tin đảng bộ › Tên đảng bộ</b>
    Hiện nay: { $current }
    ✍️ Gõ tên đảng bộ, ví dụ: Đảng bộ phường Ngô Quyền.
com-ask-executive-name =
    <b>Thông tin đảng bộ › Tên đảng ủy</b>
    Hiện nay: { $current }
    ✍️ Gõ tên cấp ủy ký và nhận văn bản, ví dụ: Đảng ủy phường Ngô Quyền.
com-ask-upper-unit =
    <b>Thông tin đảng bộ › Đảng bộ cấp trên</b>
    Hiện nay: { $current }
    ✍️ Gõ tên đảng bộ cấp trên in ở góc trái đầu văn bản, ví dụ: Đảng bộ thành phố Vĩnh Yên.
com-ask-symbol =
    <b>Thông tin đảng bộ › Ký hiệu văn bản</b>
    Hiện nay: { $current }
    ✍️ Gõ ký hiệu viết tắt của đảng ủy trong số văn bản, ví dụ: ĐU (như «Số 12-BC/ĐU»).
com-ask-locality =
    <b>Thông tin đảng bộ › Địa danh</b>
    Hiện nay: { $current }
    ✍️ Gõ địa danh ở dòng ngày tháng của văn bản, ví dụ: Vĩnh Yên (in thành «Vĩnh Yên, ngày … tháng … năm …»).
com-names-clear = 🗑 Bỏ mục này
com-names-saved = Đã lưu thông tin của { $name }.

## Công việc bí thư: đảng viên của chi bộ
sec-open-roster = 👥 Đảng viên
sec-roster =
    <b>{ $cell }</b>
    { $active } đồng chí đang sinh hoạt; { $pending } yêu cầu chờ duyệt; { $unlinked } đồng chí chưa kết nối với bot; { $blocked } đồng chí đã chặn bot.
    ⏳ chờ duyệt · ⭐ bí thư, phó bí thư · 📵 chưa kết nối · 🚫 đã chặn bot
    Chọn một đồng chí để xem và quản lý.
sec-roster-pending = ⏳ { $name }
sec-roster-blocked = 🚫 { $name }
sec-roster-unlinked = 📵 { $name }
sec-roster-leader = ⭐ { $name }
sec-roster-active = 👤 { $name }
sec-member-card =
    <b>{ $name }</b>
    { $role }, { $party }
    Tình trạng: { $state }
    Điện thoại: { $phone }
sec-member-gone = Đồng chí này không còn trong danh sách đảng viên của chi bộ.
sec-state-pending = chờ duyệt tham gia chi bộ
sec-state-blocked = đã chặn bot, không nhận được tin nhắn; cần liên hệ trực tiếp
sec-state-unlinked = chưa kết nối với bot; gửi mã mời để đồng chí kết nối
sec-state-active = đang sinh hoạt
sec-role-secretary = Bí thư chi bộ
sec-role-deputy = Phó bí thư
sec-role-member = Đảng viên
sec-role-committee = Đảng ủy viên
sec-party-official = đảng viên chính thức
sec-party-probationary = đảng viên dự bị
sec-no-phone = chưa có
sec-approve = ✅ Duyệt
sec-refuse = ✖️ Từ chối
sec-make-deputy = ⭐ Cử làm phó bí thư
sec-unmake-deputy = Thôi nhiệm vụ phó bí thư
sec-transfer = 🔁 Chuyển chi bộ
sec-mark-left = 🚪 Rời chi bộ
sec-rename = ✏️ Sửa họ tên
sec-ask-rename =
    <b>{ $name } › Sửa họ tên</b>
    ✍️ Gõ họ và tên đầy đủ, có dấu, họ trước tên sau (từ 2 đến 120 ký tự), ví dụ: Phùng Anh Đức.
sec-member-renamed = Đã sửa họ tên thành { $name }.
sec-cancel = Hủy
sec-member-approved = Đã duyệt đồng chí { $name } tham gia chi bộ; đồng chí đã được báo.
sec-member-refused = Đã từ chối yêu cầu của { $name }; người đó đã được báo.
sec-deputy-made = Đồng chí { $name } đã là phó bí thư chi bộ.
sec-deputy-unmade = Đồng chí { $name } thôi nhiệm vụ phó bí thư.
sec-member-left = Đã ghi nhận đồng chí { $name } rời chi bộ; lịch sử báo cáo được giữ lại.
sec-member-transferred = Đã chuyển đồng chí { $name } sang { $cell }; lịch sử báo cáo được giữ lại.
sec-confirm-left =
    Ghi nhận đồng chí <b>{ $name }</b> rời chi bộ?
    Kế hoạch và báo cáo của đồng chí được giữ lại trong lịch sử của chi bộ.
sec-confirm-left-button = 🚪 Xác nhận rời chi bộ
sec-transfer-choose = Chuyển đồng chí <b>{ $name }</b> sang chi bộ nào?
sec-transfer-none = Không có chi bộ nào khác trong cùng đảng bộ để chuyển sinh hoạt.
sec-confirm-transfer =
    Chuyển đồng chí <b>{ $name }</b> sang <b>{ $target }</b>?
    Báo cáo các tháng trước vẫn thuộc chi bộ cũ; từ nay đồng chí báo cáo với chi bộ mới.
sec-confirm-transfer-button = 🔁 Xác nhận chuyển
sec-notify-approved = ✅ Chào đồng chí { $name }. Bí thư đã duyệt yêu cầu tham gia { $cell }. Đồng chí gõ /menu để bắt đầu.
sec-notify-refused = Yêu cầu tham gia { $cell } của { $name } chưa được chấp nhận. Đồng chí liên hệ bí thư chi bộ nếu cần thêm thông tin.

sec-invite-button = 🔗 Tạo mã mời
sec-invite =
    <b>Tạo mã mời</b>
    Mỗi mã dùng được cho { $uses } người trong { $days } ngày. Bot gửi đường dẫn và mã QR để đồng chí chuyển tiếp hoặc in ra.
    • <b>Vào ngay</b>: người mở đường dẫn tham gia chi bộ ngay.
    • <b>Cần duyệt</b>: bí thư duyệt từng người trong mục Đảng viên.
sec-invite-direct-button = 🔗 Vào ngay
sec-invite-approval-button = 🔐 Cần duyệt
sec-invite-direct = tham gia ngay
sec-invite-with-approval = cần bí thư duyệt
sec-invite-caption =
    <b>Mã mời tham gia chi bộ: { $code }</b>
    Đường dẫn: { $link }
    Dùng được cho { $uses } người, hết hạn ngày { $expires }; { $approval }.
    Quét mã QR hoặc mở đường dẫn, rồi bấm «Bắt đầu».
sec-invite-sent = Đã gửi mã mời ở trên.

## Công việc bí thư: kế hoạch năm của đảng viên
sec-open-plans = 📋 Kế hoạch năm
sec-plans = { $body }
sec-plans-head =
    <b>Kế hoạch năm { $year }</b>
    { $registered }/{ $members } đồng chí đã đăng ký: { $submitted } chờ duyệt, { $acknowledged } đã duyệt, { $returned } đã trả lại để sửa.
    Chọn một kế hoạch để xem, duyệt hoặc trả lại.
sec-plans-missing-head = <b>Chưa đăng ký ({ $count } đồng chí)</b>
sec-plans-none = • { $name }: chưa lập kế hoạch
sec-plans-draft = • { $name }: đang soạn, chưa đăng ký
sec-plan-line-submitted = 📥 { $name }
sec-plan-line-acknowledged = ✅ { $name }
sec-plan-line-returned = ↩️ { $name }
sec-plan-status-draft = đang soạn
sec-plan-status-submitted = chờ duyệt
sec-plan-status-acknowledged = đã duyệt
sec-plan-status-returned = đã trả lại để sửa
sec-plan = { $body }
sec-plan-head = <b>{ $name }: kế hoạch năm { $year }</b> ({ $status }, { $items } việc)
sec-plan-comment = ↩️ Ý kiến khi trả lại: <i>{ $comment }</i>
sec-plan-section = <b>{ $section }</b>
sec-plan-item = • { $item }
sec-plan-acknowledge = ✅ Duyệt kế hoạch
sec-plan-return = ↩️ Trả lại để sửa
sec-plan-comment-ask =
    Trả lại kế hoạch của đồng chí <b>{ $name }</b> để sửa.
    Đồng chí gõ ý kiến: cần sửa gì, bổ sung gì. Ý kiến được gửi tới đồng chí { $name }.
sec-plan-acknowledged = Đã duyệt kế hoạch của đồng chí { $name }; đồng chí đã được báo.
sec-plan-returned = Đã trả lại kế hoạch của đồng chí { $name } kèm ý kiến; đồng chí đã được báo và có thể sửa.

## Công việc bí thư: lịch sinh hoạt
sec-open-cell-info = 🏷 Thông tin chi bộ
sec-cell-info =
    <b>Thông tin chi bộ trên văn bản</b>
    { $cell }
    Dòng cấp trên (in phía trên tên chi bộ): <b>{ $upper }</b>
    Địa danh ở dòng ngày tháng: <b>{ $locality }</b>
    Chưa ghi riêng thì văn bản dùng tên và địa danh của đảng bộ.
sec-cell-info-inherited = { $value } (theo đảng bộ)
sec-cell-info-unset = (chưa ghi)
sec-cell-info-edit-locality = ✏️ Địa danh
sec-cell-info-edit-upper = ✏️ Dòng cấp trên
sec-cell-info-clear-locality = ↩️ Địa danh theo đảng bộ
sec-cell-info-clear-upper = ↩️ Dòng cấp trên theo đảng bộ
sec-cell-info-ask-locality =
    <b>Thông tin chi bộ › Địa danh</b>
    Hiện nay: { $locality }
    ✍️ Gõ địa danh ở dòng ngày tháng của văn bản, ví dụ: Vĩnh Yên (in thành «Vĩnh Yên, ngày … tháng … năm …»).
sec-cell-info-ask-upper =
    <b>Thông tin chi bộ › Dòng cấp trên</b>
    Hiện nay: { $upper }
    ✍️ Gõ tên đơn vị cấp trên in phía trên tên chi bộ, ví dụ: Đảng bộ phường Ngô Quyền.
sec-cell-info-saved = Đã lưu thông tin của { $cell }.
sec-open-meetings = 📅 Lịch sinh hoạt
sec-meetings =
    <b>Lịch sinh hoạt định kỳ</b>
    { $rule }

    <b>Các buổi sắp tới</b>
    { $upcoming }
    Chọn một buổi để dời, hủy, đặt nội dung hoặc xem giấy xin vắng.
sec-rule-line = Ngày { NUMBER($day, useGrouping: 0) } hằng tháng, lúc { $time }, tại { $place }; { $shift }.
sec-shift-next-working-day = trùng ngày nghỉ, ngày lễ thì dời sang ngày làm việc kế tiếp
sec-shift-none = trùng ngày nghỉ, ngày lễ vẫn giữ nguyên ngày
sec-kind-regular = định kỳ
sec-kind-thematic = chuyên đề
sec-topic-unset = chưa đặt nội dung
sec-meeting-line = • { $when }, { $place } ({ $kind }): { $topic }
sec-meeting-line-moved = • { $when } (đã dời), { $place } ({ $kind }): { $topic }
sec-no-meetings = Chưa có buổi sinh hoạt nào sắp tới.
sec-meeting-button = 📅 { $when }
sec-edit-rule = ⚙️ Đổi lịch định kỳ
sec-rule-draft =
    <b>Đổi lịch sinh hoạt định kỳ</b>
    { $rule }
    Chọn mục cần đổi, rồi bấm «Lưu». Các buổi đã dời giữ nguyên thời gian đã dời.
sec-rule-day = Ngày
sec-rule-time = Giờ
sec-rule-place = Địa điểm
sec-rule-to-none = Ngày nghỉ, lễ: giữ nguyên ngày
sec-rule-to-shift = Ngày nghỉ, lễ: dời sang ngày làm việc
sec-rule-save = 💾 Lưu
sec-rule-saved = Đã lưu lịch sinh hoạt định kỳ: { $rule }
sec-ask-day =
    Đồng chí gõ ngày sinh hoạt hằng tháng, từ 1 đến 31 (hiện tại: ngày { NUMBER($day, useGrouping: 0) }).
    Tháng nào không có ngày đó thì sinh hoạt vào ngày cuối tháng.
sec-ask-time = Đồng chí gõ giờ sinh hoạt theo dạng giờ:phút, ví dụ 14:00 (hiện tại: { $time }).
sec-ask-place = Đồng chí gõ địa điểm sinh hoạt (hiện tại: { $place }).
sec-error-day-format = «{ $value }» không phải là một ngày; đồng chí gõ một số từ 1 đến 31.
sec-error-date-format = «{ $value }» không đúng dạng ngày/tháng/năm giờ:phút, ví dụ 12/04/2026 14:00.

sec-meeting-body = { $body }
sec-meeting =
    <b>Buổi sinh hoạt tháng { $period }</b>
    Thời gian: { $when }
    Địa điểm: { $place }
    Loại: { $kind }
    Nội dung: { $topic }
sec-meeting-moved = 🕑 Buổi này đã được dời khỏi ngày theo lịch định kỳ.
sec-meeting-cancelled = ❌ Buổi này đã bị hủy.
sec-absences-head = <b>Giấy xin vắng: { $count }</b>
sec-absence-line = • { $name }: <i>{ $reason }</i>
sec-confirmed-head = <b>Xác nhận tham dự: { $count }</b>
sec-confirmed-names = { $names }
sec-move = 🕑 Dời buổi
sec-set-topic = 📝 Đặt nội dung
sec-mark-thematic = 📚 Đánh dấu sinh hoạt chuyên đề
sec-mark-regular = Bỏ đánh dấu chuyên đề
sec-cancel-meeting = ❌ Hủy buổi này
sec-restore-meeting = ↩️ Khôi phục buổi này
sec-ask-move =
    Buổi sinh hoạt hiện vào { $when }.
    Đồng chí gõ ngày giờ mới theo dạng ngày/tháng/năm giờ:phút, ví dụ 12/04/2026 14:00; chỉ gõ ngày thì giữ nguyên giờ.
sec-ask-topic = Đồng chí gõ nội dung của buổi sinh hoạt (ví dụ: chuyên đề năm, kiểm điểm việc làm theo Bác).
sec-meeting-moved-notice = Đã dời buổi sinh hoạt sang { $when }.
sec-topic-saved = Đã lưu nội dung buổi sinh hoạt.
sec-thematic-set = Đã đánh dấu buổi này là sinh hoạt chuyên đề.
sec-thematic-unset = Buổi này là sinh hoạt định kỳ.
sec-confirm-cancel = Hủy buổi sinh hoạt lúc <b>{ $when }</b>? Đảng viên sẽ không được nhắc cho buổi này.
sec-confirm-cancel-button = ❌ Xác nhận hủy
sec-meeting-cancelled-notice = Đã hủy buổi sinh hoạt.
sec-meeting-restored = Đã khôi phục buổi sinh hoạt.
sec-former-button = 🗃 Đảng viên đã rời chi bộ
sec-former =
    <b>Đảng viên đã rời chi bộ</b> ({ $count } đồng chí)
    Lịch sử báo cáo của các đồng chí vẫn được tính vào số liệu của chi bộ. Bí thư có thể ẩn danh dữ liệu cá nhân của người đã rời (Nghị định 13/2023/NĐ-CP).
sec-former-none = Chi bộ chưa có đảng viên nào rời đi.
sec-former-line = { $name } · rời ngày { $date }
sec-former-card =
    <b>{ $name }</b>
    Rời chi bộ ngày { $left }.
sec-former-card-anonymised =
    <b>{ $name }</b>
    Rời chi bộ ngày { $left }. Dữ liệu cá nhân đã được ẩn danh.
sec-anonymise = 🕶 Ẩn danh dữ liệu cá nhân
sec-confirm-anonymise =
    Ẩn danh dữ liệu cá nhân của đồng chí <b>{ $name }</b>?
    Họ tên được thay bằng nhãn chung; tài khoản Telegram, số điện thoại và mọi nội dung đồng chí đã viết (kế hoạch, ghi chú, khó khăn, kiến nghị, lý do vắng) bị xóa. Số liệu báo cáo các tháng trước của chi bộ giữ nguyên. Việc này không hoàn tác được.
sec-confirm-anonymise-button = 🕶 Xác nhận ẩn danh
sec-member-anonymised = Đã ẩn danh dữ liệu cá nhân; đồng chí nay hiển thị là «{ $label }».
