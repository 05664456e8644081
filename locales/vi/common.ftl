## Lời chào, menu chính, trợ giúp và những câu dùng chung

start-stranger =
    Chào đồng chí { $name }.
    Đây là trợ lý của chi bộ: đăng ký kế hoạch cá nhân học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh, báo cáo kết quả hằng tháng và xem lịch sinh hoạt.

    Để tham gia, đồng chí mở đường dẫn mời hoặc quét mã QR do bí thư chi bộ gửi, hoặc gõ mã mời vào đây.
start-pending =
    Chào đồng chí { $name }.
    Yêu cầu tham gia chi bộ của đồng chí đang chờ bí thư duyệt. Bot sẽ báo ngay khi được duyệt.

menu-title =
    <b>Chào đồng chí { $name }.</b>
    Đồng chí cần làm gì hôm nay?
menu-plan = 📋 Kế hoạch năm
menu-report = 📝 Báo cáo tháng
menu-meetings = 📅 Lịch sinh hoạt
menu-history = 🗂 Lịch sử
menu-help = ❓ Trợ giúp
menu-my-data = 🗃 Dữ liệu của tôi
menu-my-data-caption = Toàn bộ dữ liệu chibo đang lưu về đồng chí (tệp JSON): hồ sơ, quá trình sinh hoạt, kế hoạch, báo cáo, giấy xin vắng và nhật ký thao tác liên quan. Tệp chứa dữ liệu cá nhân, đồng chí lưu giữ cẩn thận.
help-text =
    <b>Hướng dẫn sử dụng</b>

    • <b>Kế hoạch năm</b>: đăng ký kế hoạch cá nhân theo từng phần, mỗi phần một vài việc cụ thể, kiểm tra được. Xem lại rồi bấm «Đăng ký» để gửi bí thư.
    • <b>Báo cáo tháng</b>: trước buổi sinh hoạt chi bộ, đánh dấu từng việc trong kế hoạch là Hoàn thành, Đang thực hiện hoặc Chưa thực hiện, ghi chú ngắn, nêu khó khăn và kiến nghị.
    • <b>Lịch sinh hoạt</b>: xem buổi sinh hoạt tới và gửi giấy xin vắng nếu không dự được.
    • <b>Lịch sử</b>: xem lại các báo cáo đã gửi.

    Gõ /menu để về menu chính, /cancel để hủy thao tác đang làm. Những gì đồng chí đã nhập được lưu lại, có thể làm tiếp bất cứ lúc nào.
button-back = ◀️ Quay lại
stale-button = Nút này đã cũ. Đồng chí dùng menu mới bên dưới.
database-busy = Hệ thống đang bận, đồng chí vui lòng thử lại sau giây lát. Những gì đã nhập trước đó vẫn được giữ nguyên.
private-chat-only = Bot chỉ trao đổi trong tin nhắn riêng để giữ kín thông tin của từng đồng chí. Mời đồng chí nhắn riêng cho bot.

command-menu = Menu chính
command-cancel = Hủy thao tác, về menu chính
command-start = Bắt đầu

local-ready =
    chibo đang chạy ở chế độ thử trên máy, không cần Telegram.
    Trang trò chuyện: { $url }
    Đường dẫn mời cho người mới: { $link }
    Nhấn Ctrl+C để dừng.
