# The cell's documents beyond the monthly report: personal plan, registration list,
# sơ kết / tổng kết, minutes of the meeting.

export-dotted-line = ……………………………………………………………………………………………
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
