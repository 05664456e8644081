## Dữ liệu mẫu (chibo demo seed)

demo-seeded = Đã tạo dữ liệu mẫu: { $cells } chi bộ, { $members } đảng viên, { $plans } kế hoạch cá nhân, { $reports } báo cáo tháng.
demo-already-seeded = Dữ liệu mẫu đã có sẵn, không tạo thêm.
demo-cell-taken = Không thể tạo dữ liệu mẫu: đã có chi bộ tên «{ $name }».
demo-telegram-taken = Không thể tạo dữ liệu mẫu: tài khoản Telegram { $telegram_id } đã thuộc về đồng chí { $name }.
