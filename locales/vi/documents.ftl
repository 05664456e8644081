# The cell's documents beyond the monthly report: personal plan, registration list,
# sơ kết / tổng kết, minutes of the meeting.

export-sign-hint = (Ký, ghi rõ họ tên)

## Personal plan and the registration list
export-plan-number-line = { " " }
export-plan-title = KẾ HOẠCH CÁ NHÂN
export-plan-subtitle = { $plan } năm { $year }
export-plan-owner = Họ và tên: { $name }
export-plan-cell = Sinh hoạt tại: { $cell }
export-plan-section = { $number }. { $section }
export-plan-item = - { $text }
export-plan-confirm = XÁC NHẬN CỦA CHI BỘ
export-plan-author = NGƯỜI XÂY DỰNG KẾ HOẠCH
export-plan-status-none = Chưa lập
export-plan-status-draft = Chưa gửi
export-plan-status-submitted = Đã đăng ký
export-plan-status-acknowledged = Đã ghi nhận
export-plan-status-returned = Trả lại để sửa
export-list-number-line = Số       -DS/{ $symbol }
export-list-title = DANH SÁCH
export-list-subtitle = Đảng viên đăng ký kế hoạch cá nhân { $plan } năm { $year }
export-list-figures = Chi bộ có { $members } đồng chí; đã đăng ký kế hoạch { $registered }/{ $members } ({ $rate }), chưa đăng ký { $missing } đồng chí.
export-col-plan-status = Tình trạng
export-col-plan-items = Số việc
export-col-plan-date = Ngày đăng ký
export-col-signature = Ký tên
export-file-plan = ke-hoach-ca-nhan-{ $period }-{ $member }
export-file-plans = danh-sach-dang-ky-{ $period }-{ $cell }

## Figures shared by the minutes and the reviews
export-doc-reported = Số đồng chí đã báo cáo: { $reported }/{ $members } ({ $rate }); chưa báo cáo: { $missing } đồng chí.
export-doc-items = Tổng số việc đăng ký: { $items }; hoàn thành { $done } ({ $rate }), đang thực hiện { $in_progress }, chưa thực hiện { $not_started }, chưa được báo cáo { $not_reported }.

## The minutes of the meeting
export-minutes-number-line = Số       -BB/{ $symbol }
export-minutes-title = BIÊN BẢN
export-minutes-regular = Sinh hoạt chi bộ định kỳ tháng { $period }
export-minutes-thematic = Sinh hoạt chi bộ chuyên đề tháng { $period }
export-minutes-time = Thời gian: bắt đầu lúc { $hour } giờ { $minute }, ngày { $day }.
export-minutes-time-blank = Thời gian: bắt đầu lúc …… giờ ……, ngày ……/……/………
export-minutes-place = Địa điểm: { $place }
export-minutes-topic = Nội dung: { $topic }
export-minutes-chair-line = Chủ trì: đồng chí ………………………………………………
export-minutes-clerk-line = Thư ký: đồng chí ………………………………………………
export-minutes-heading-attendance = I. THÀNH PHẦN
export-minutes-members = Tổng số đảng viên của chi bộ: { $members } đồng chí; đã xác nhận tham dự { $confirmed }, báo vắng { $absent }, chưa xác nhận { $unknown }. Có mặt tại cuộc họp: …… đồng chí; vắng: …… đồng chí.
export-minutes-confirmed = Đã xác nhận tham dự ({ $count } đồng chí):
export-minutes-absent = Báo vắng có lý do ({ $count } đồng chí):
export-minutes-unknown = Chưa xác nhận ({ $count } đồng chí), ghi có mặt hoặc vắng tại cuộc họp:
export-minutes-person-line = - Đồng chí { $name }
export-minutes-absent-line = - Đồng chí { $name }: { $reason }
export-minutes-heading-results = II. KẾT QUẢ THỰC HIỆN KẾ HOẠCH TRONG THÁNG
export-minutes-voices = Khó khăn, kiến nghị của đảng viên trong tháng:
export-minutes-heading-discussion = III. Ý KIẾN THẢO LUẬN
export-minutes-heading-decisions = IV. KẾT LUẬN, NGHỊ QUYẾT CỦA CHI BỘ
export-minutes-vote = Biểu quyết: tán thành …… /…… đồng chí; không tán thành …… đồng chí.
export-minutes-close = Cuộc họp kết thúc lúc …… giờ …… cùng ngày.
export-minutes-clerk = THƯ KÝ
export-minutes-chair = CHỦ TRÌ
export-file-minutes = bien-ban-sinh-hoat-{ $period }-{ $unit }

## Sơ kết 6 tháng, tổng kết năm
export-review-half-cell = Sơ kết 6 tháng đầu năm { $year } thực hiện kế hoạch { $plan } của chi bộ
export-review-year-cell = Tổng kết năm { $year } thực hiện kế hoạch { $plan } của chi bộ
export-review-half-committee = Sơ kết 6 tháng đầu năm { $year } thực hiện kế hoạch { $plan } của các chi bộ
export-review-year-committee = Tổng kết năm { $year } thực hiện kế hoạch { $plan } của các chi bộ
export-review-period = (Từ tháng { $first } đến hết tháng { $last })
export-review-heading-plans = I. XÂY DỰNG, ĐĂNG KÝ KẾ HOẠCH CÁ NHÂN
export-review-heading-months = II. TÌNH HÌNH BÁO CÁO HẰNG THÁNG
export-review-col-month = Tháng
export-review-col-missing = Chưa báo cáo
export-review-total = Cộng
export-review-heading-sections = III. KẾT QUẢ THEO TỪNG NỘI DUNG (theo báo cáo gần nhất của mỗi việc)
export-review-section-line = - { $section }: hoàn thành { $done }/{ $planned } việc ({ $rate }), đang thực hiện { $in_progress }, chưa thực hiện { $not_started }, chưa được báo cáo { $not_reported }.
export-review-heading-cells = III. KẾT QUẢ CỦA TỪNG CHI BỘ
export-review-completion = { $rate } (T{ $month })
export-review-col-registered = Đăng ký kế hoạch
export-review-col-reports = Lượt báo cáo
export-review-heading-examples = IV. MÔ HÌNH HAY, GƯƠNG ĐIỂN HÌNH
export-review-examples-blank = (Do chi ủy, chi bộ lựa chọn và ghi vào.)
export-review-example = { $item }: { $note }
export-review-example-name = { $name } ({ $cell })
export-review-heading-voices = V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT
export-review-difficulties = Khó khăn, vướng mắc:
export-review-proposals = Kiến nghị, đề xuất:
export-review-voice-line = - Tháng { $period }, đồng chí { $name }: { $text }
export-review-voices-committee = (Tổng hợp từ báo cáo của các chi bộ; đảng ủy chỉ nhận số liệu, không nhận nội dung báo cáo của từng đảng viên.)
export-review-heading-next-half = VI. PHƯƠNG HƯỚNG, NHIỆM VỤ 6 THÁNG CUỐI NĂM
export-review-heading-next-year = VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM TỚI
export-file-half-review = so-ket-6-thang-{ $period }-{ $unit }
export-file-year-review = tong-ket-nam-{ $period }-{ $unit }

## Buttons and captions in chat
sec-export-minutes = 📝 Biên bản sinh hoạt
sec-export-half = 📝 Sơ kết 6 tháng
sec-export-year = 📝 Tổng kết năm
sec-minutes-caption = Biên bản sinh hoạt chi bộ tháng { $period }, in sẵn phần đã biết; phần thảo luận, kết luận ghi tại cuộc họp.
sec-half-caption = Báo cáo sơ kết 6 tháng đầu năm, số liệu đến tháng { $period }.
sec-year-caption = Báo cáo tổng kết năm, số liệu đến tháng { $period }.
sec-plans-file = 📝 Danh sách đăng ký (Word)
sec-plans-file-caption = Danh sách đảng viên đăng ký kế hoạch cá nhân năm { $year }.
sec-plan-file = 📝 Bản in kế hoạch (Word)
sec-plan-file-caption = Kế hoạch cá nhân của đồng chí { $name }, để in và ký.
plan-print-button = 🖨 Bản in để ký (Word)
plan-print-caption = Kế hoạch cá nhân năm { $year } của đồng chí, để in và ký.
