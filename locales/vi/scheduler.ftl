## Nhắc việc, thông báo buổi sinh hoạt, tổng hợp gửi bí thư (scheduler/)

sched-button-report = 📝 Báo cáo tháng
sched-button-absence = 🙋 Xin vắng
sched-button-plan = 📋 Đăng ký kế hoạch
sched-button-review = ✅ Xem kế hoạch chờ duyệt
sched-button-summary = 📊 Xem tổng hợp tháng

sched-meeting-kind-regular = định kỳ
sched-meeting-kind-thematic = chuyên đề
sched-meeting-topic = {"\u000A"}Nội dung: { $topic }.

sched-report-reminder =
    Kính gửi đồng chí { $name },
    chi bộ sinh hoạt lúc { $time } ngày { $date } tại { $place }. Đồng chí chưa gửi báo cáo kết quả thực hiện kế hoạch cá nhân tháng { $month }/{ $year }.
    Đề nghị đồng chí báo cáo trước buổi sinh hoạt.

sched-meeting-eve =
    Kính gửi đồng chí { $name },
    ngày mai, { $date }, lúc { $time }, chi bộ sinh hoạt { $kind } tại { $place }.{ $topic }
    Nếu không dự được, đồng chí bấm «Xin vắng» và nêu lý do.
sched-meeting-soon =
    Kính gửi đồng chí { $name },
    hôm nay, { $date }, lúc { $time }, chi bộ sinh hoạt { $kind } tại { $place }.{ $topic }
    Nếu không dự được, đồng chí bấm «Xin vắng» và nêu lý do.

sched-group-meeting-eve =
    <b>Thông báo sinh hoạt chi bộ</b>
    Ngày mai, { $date }, lúc { $time }, chi bộ sinh hoạt { $kind } tại { $place }.{ $topic }
    Đồng chí nào không dự được, đề nghị gửi giấy xin vắng cho bí thư.
sched-group-meeting-soon =
    <b>Thông báo sinh hoạt chi bộ</b>
    Hôm nay, { $date }, lúc { $time }, chi bộ sinh hoạt { $kind } tại { $place }.{ $topic }

sched-plan-reminder =
    Kính gửi đồng chí { $name },
    đồng chí chưa đăng ký kế hoạch cá nhân học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm { $year }.
    Đề nghị đồng chí đăng ký để chi bộ tổng hợp.
sched-plan-reminder-due =
    Kính gửi đồng chí { $name },
    đồng chí chưa đăng ký kế hoạch cá nhân học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm { $year }.
    Hạn đăng ký: { $due }. Đề nghị đồng chí đăng ký để chi bộ tổng hợp.

sched-plans-review =
    Kính gửi đồng chí { $name },
    có { $count } bản kế hoạch cá nhân đang chờ đồng chí xem xét.

sched-digest =
    <b>{ $cell }: tổng hợp trước buổi sinh hoạt</b>
    Buổi sinh hoạt: { $time } ngày { $date }.
    Báo cáo tháng { $month }/{ $year }: { $reported }/{ $total } đồng chí đã gửi.
    Việc trong kế hoạch: { $done } hoàn thành, { $in_progress } đang thực hiện, { $not_started } chưa thực hiện.
    { $missing }
sched-digest-missing = Chưa báo cáo ({ $count }): { $names }.
sched-digest-missing-more = Chưa báo cáo ({ $count }): { $names } và { $more } đồng chí khác (xem tệp báo cáo đính kèm).
sched-digest-all-reported = Tất cả đảng viên đã gửi báo cáo.

sched-member-unreachable =
    Bot không gửi được tin nhắn cho đồng chí { $name }: đồng chí ấy đã chặn bot hoặc không còn dùng Telegram.
    Đề nghị đồng chí liên hệ trực tiếp và hướng dẫn đồng chí ấy mở lại bot (bấm «Bắt đầu»).

sched-error-meeting-not-found = Không tìm thấy buổi sinh hoạt này.
sched-error-meeting-cancelled = Buổi sinh hoạt này đã bị hủy, không thể dời.
sched-error-meeting-in-past = Thời gian mới phải sau thời điểm hiện tại.
