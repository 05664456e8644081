## Kênh Zalo: báo cáo tháng trước còn hạn, sửa việc trong kế hoạch, xác nhận tham dự, lịch sử, dữ liệu của tôi

zalo-report-late = Báo cáo tháng { $month }/{ $year } vẫn còn hạn đến { $time } ngày { $date }: gõ «baocao { $number }» để báo cáo hoặc sửa tháng đó.
zalo-plan-edit =
    Việc số { $number } hiện là: «{ $text }».
    Gõ nội dung mới (từ 5 đến 500 ký tự), hoặc gõ 0 để giữ nguyên.
zalo-plan-item-edited = Đã sửa việc «{ $text }» theo nội dung mới.

zalo-attendance-how = Buổi sinh hoạt ngày { $date } lúc { $time }: gõ thamdu để xác nhận sẽ tham dự, hoặc gõ «xin vắng» rồi lý do.
zalo-attendance-confirmed = Đồng chí đã xác nhận sẽ tham dự buổi sinh hoạt ngày { $date } lúc { $time }.
zalo-attendance-absent = Đồng chí đã xin vắng buổi sinh hoạt ngày { $date } lúc { $time }, lý do: { $reason }. Gõ thamdu nếu sẽ tham dự.
zalo-attendance-sent = Đã ghi nhận đồng chí sẽ tham dự buổi sinh hoạt ngày { $date } lúc { $time }.

zalo-history =
    Lịch sử năm { $year }
    Kế hoạch năm { $year }: { $plan }
    Báo cáo tháng:
    { $months }
    Gõ số tháng (ví dụ: 3) để xem lại báo cáo tháng đó, gõ kh để xem kế hoạch năm { $year }, gõ «lichsu { $previous }» để xem năm trước, gõ menu để về thực đơn.
zalo-history-sent = - Tháng { $month }: đã gửi ngày { $date }
zalo-history-draft = - Tháng { $month }: bản nháp, chưa gửi
zalo-history-missing = - Tháng { $month }: chưa báo cáo
zalo-history-no-months = (chưa có tháng nào)
zalo-history-no-plan = Đồng chí không có kế hoạch năm { $year }.
zalo-history-no-report = Đồng chí không có báo cáo tháng { $month }/{ $year }.
zalo-history-more = Gõ số tháng khác, gõ kh để xem kế hoạch, gõ menu để về thực đơn.

zalo-my-data-unavailable = Lúc này trợ lý chưa gửi được liên kết tải tệp qua Zalo. Đồng chí thử lại sau, hoặc lấy trên Telegram (mục «Dữ liệu của tôi»).
