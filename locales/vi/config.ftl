## Lỗi cấu hình khi khởi động (một dòng, sau tên biến)

config-not-http-url = phải là địa chỉ bắt đầu bằng http:// hoặc https://
config-bad-token = không đúng dạng mã bot của Telegram (dạng 123456789:ABC…)
config-bad-database-url = không phải địa chỉ cơ sở dữ liệu hợp lệ
config-unknown-database-scheme = kiểu cơ sở dữ liệu «{ $scheme }» không được hỗ trợ; dùng một trong: { $supported }
config-bad-redis-url = phải bắt đầu bằng redis:// hoặc rediss://
config-unknown-timezone = múi giờ «{ $zone }» không tồn tại
config-bad-log-level = phải là một trong: { $levels }
config-invalid-value = giá trị không hợp lệ ({ $detail })
config-zalo-public-url-needed = bắt buộc khi dùng Zalo thật: địa chỉ https:// công khai của chibo, nơi Zalo gửi webhook và thành viên mở liên kết tải tệp
config-zalo-public-url-not-public = phải là địa chỉ https:// công khai (không phải 127.0.0.1 hay localhost) khi dùng Zalo thật: Zalo gửi webhook và thành viên mở liên kết tải tệp tại đó
config-bad-zalo-secret = không được chứa dấu cách hay xuống dòng
config-bad-quiet-hours = phải có dạng giờ:phút-giờ:phút, ví dụ 21:00-07:00
config-clock-start-no-offset = phải là một thời điểm có múi giờ, ví dụ 2027-01-31T08:00:00+07:00
config-clock-start-not-local = chỉ dùng khi chạy thử trên máy (không có mã bot, hoặc Telegram và Zalo là máy chủ giả lập trên 127.0.0.1)
