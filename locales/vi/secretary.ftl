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
export-committee-prefix = Đảng bộ
export-cell-prefix = Chi bộ
export-star = *
export-number-line = Số       -BC/CB
export-number-line-committee = Số       -BC/ĐU
export-number-line-evidence = Số       -TH/CB
export-place-date = { $place }, ngày { $day } tháng { $month } năm { $year }
export-place-blank = ……………
export-report-title = BÁO CÁO
export-month-subtitle = Kết quả thực hiện kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh tháng { $period }
export-heading-figures = I. KẾT QUẢ CHUNG
export-figure-members = Tổng số đảng viên của chi bộ trong tháng: { $members } đồng chí.
export-figure-reported = Số đồng chí đã báo cáo: { $reported }/{ $members } ({ $rate }), trong đó { $on_time } đồng chí báo cáo đúng hạn.
export-figure-missing = Số đồng chí chưa báo cáo: { $missing }{ $names }.
export-figure-items = Tổng số việc đăng ký: { $items }; hoàn thành { $done } ({ $rate }), đang thực hiện { $in_progress }, chưa thực hiện { $not_started }.
export-heading-table = II. KẾT QUẢ CỦA TỪNG ĐỒNG CHÍ
export-heading-sections = III. KẾT QUẢ THEO TỪNG NỘI DUNG
export-heading-models = IV. GƯƠNG ĐIỂN HÌNH, VIỆC LÀM TIÊU BIỂU
export-heading-difficulties = V. KHÓ KHĂN, VƯỚNG MẮC
export-heading-proposals = VI. KIẾN NGHỊ, ĐỀ XUẤT
export-section-line = - { $section }: hoàn thành { $done }/{ $planned } việc ({ $rate }).
export-none = Không có.
export-model-line = - Đồng chí { $name }: { $item }: { $note }
export-voice-line = - Đồng chí { $name }: { $text }
export-recipients = Nơi nhận:
export-recipient-committee = - Đảng ủy { $committee },
export-recipient-higher = - Cấp ủy cấp trên,
export-recipient-archive = - Lưu chi bộ.
export-recipient-archive-committee = - Lưu văn phòng đảng ủy.
export-on-behalf-cell = T/M CHI BỘ
export-secretary = BÍ THƯ
export-on-behalf-committee = T/M ĐẢNG ỦY

## Minh chứng cả năm của một đảng viên
export-evidence-title = TỔNG HỢP MINH CHỨNG
export-evidence-subtitle = Kết quả thực hiện kế hoạch cá nhân năm { $year } của đồng chí { $name }
export-evidence-note = Tài liệu tổng hợp từ các báo cáo hằng tháng của đồng chí, phục vụ kiểm điểm, đánh giá, xếp loại cuối năm. Việc đánh giá, xếp loại do chi bộ quyết định.
export-evidence-months = Số tháng đã báo cáo: { $reported }/{ $months } ({ $rate }), trong đó { $on_time } tháng đúng hạn.
export-evidence-months-list = Các tháng đã báo cáo: { $list }.
export-evidence-items = Số việc đăng ký: { $items }; hoàn thành trong năm: { $done } ({ $rate }).
export-heading-evidence-items = II. KẾT QUẢ TỪNG VIỆC ĐÃ ĐĂNG KÝ
export-heading-evidence-notes = III. GHI CHÚ THEO THÁNG
export-heading-free-items = IV. VIỆC LÀM THÊM NGOÀI KẾ HOẠCH
export-heading-difficulties-proposals = V. KHÓ KHĂN, KIẾN NGHỊ ĐÃ NÊU
export-evidence-last-status = Kết quả gần nhất
export-evidence-done-months = Tháng báo cáo hoàn thành
export-evidence-note-line = - Tháng { $period }, { $item }: { $note }
export-evidence-free-line = - Tháng { $period }: { $text }

## Đảng ủy: tổng hợp các chi bộ
export-rollup-subtitle = Tình hình báo cáo kết quả thực hiện kế hoạch học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh của các chi bộ tháng { $period }
export-rollup-figures = Số chi bộ: { $cells }; tổng số đảng viên: { $members }; đã báo cáo: { $reported } ({ $rate }), trong đó { $on_time } đúng hạn.
export-rollup-below = Số chi bộ có tỉ lệ báo cáo dưới { $threshold }: { $count }.
export-heading-rollup-table = II. KẾT QUẢ TỪNG CHI BỘ

## Tên tệp (không dấu, để mọi máy đều mở được)
export-file-month = bao-cao-thang-{ $period }-{ $cell }
export-file-chart = bieu-do-nam-{ $period }-{ $cell }
export-file-evidence = minh-chung-nam-{ $period }-{ $member }
export-file-rollup = tong-hop-cac-chi-bo-{ $period }-{ $committee }

## Nhắc báo cáo
sec-nudge-message =
    Kính gửi đồng chí { $name }.
    Chi bộ chưa nhận được báo cáo kết quả thực hiện kế hoạch tháng { $period } của đồng chí. Đề nghị đồng chí báo cáo trước ngày { $deadline }: gõ /menu rồi chọn «Báo cáo tháng».

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
sec-export-xlsx = 📊 Excel
sec-export-docx = 📝 Word
sec-export-png = 📈 Biểu đồ
sec-export-caption = Kết quả thực hiện kế hoạch tháng { $period }.
sec-evidence-caption = Minh chứng kết quả thực hiện kế hoạch năm { $year }.
sec-export-evidence = 📝 Minh chứng cả năm (Word)

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
