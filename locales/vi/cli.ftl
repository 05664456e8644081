## Dòng lệnh chibo: trợ giúp, bảng và thông báo cho người quản trị

cli-help =
    chibo: trợ lý Telegram của chi bộ (kế hoạch cá nhân, báo cáo hằng tháng, nhắc lịch sinh hoạt).

    Cấu hình bằng các biến môi trường CHIBO_* hoặc tệp .env. Mọi lệnh quản trị tự cập nhật cấu trúc cơ sở dữ liệu lên bản mới nhất trước khi làm việc, nên không bắt buộc chạy «chibo migrate» trước.
cli-help-run = Chạy bot, bộ lập lịch và bộ gửi tin (dừng bằng Ctrl+C hoặc SIGTERM).
cli-help-opt-only = Chỉ chạy một phần: bot, scheduler, delivery, zalo hoặc webview.
cli-help-opt-webhook = Nhận cập nhật qua webhook thay vì long polling (cần CHIBO_WEBHOOK_URL và CHIBO_WEBHOOK_SECRET).
cli-help-migrate = Cập nhật cấu trúc cơ sở dữ liệu lên bản mới nhất và in số hiệu bản.
cli-help-committee = Đảng bộ cấp trên của các chi bộ và cấp ủy (đảng ủy) của đảng bộ.
cli-help-committee-create = Tạo đảng bộ cùng đảng ủy của nó. Chỉ ghi một tên "Đảng bộ X" hoặc "Đảng ủy X" thì tên còn lại được suy ra.
cli-help-committee-update = Sửa tên đảng bộ, tên đảng ủy, đơn vị cấp trên, ký hiệu văn bản hoặc địa danh; chỉ thay những mục được ghi, ghi "" để xóa một mục không bắt buộc.
cli-help-committee-show = Các tên của một đảng bộ như văn bản in ra.
cli-help-committee-list = Danh sách đảng bộ, đảng ủy và số chi bộ trực thuộc.
cli-help-arg-committee-name = Tên đảng bộ, ví dụ "Đảng bộ phường Ngô Quyền" (ghi "Đảng ủy phường Ngô Quyền" cũng được).
cli-help-arg-committee-id = Số của đảng bộ (xem «chibo committee list»).
cli-help-opt-organisation = Tên đảng bộ, ví dụ "Đảng bộ phường Ngô Quyền".
cli-help-opt-body = Tên đảng ủy (cấp ủy ký và nhận văn bản), ví dụ "Đảng ủy phường Ngô Quyền"; mặc định suy từ tên đảng bộ.
cli-help-opt-committee-upper-unit = Đảng bộ cấp trên, in phía trên tên đảng ủy ở đầu văn bản, ví dụ "Đảng bộ thành phố Vĩnh Yên".
cli-help-opt-symbol = Ký hiệu văn bản của đảng ủy, như trong "Số 12-BC/ĐU" (mặc định ĐU).
cli-help-opt-locality = Địa danh ghi ở dòng ngày tháng của văn bản, ví dụ "Vĩnh Yên"; các chi bộ chưa ghi địa danh riêng dùng địa danh này.
cli-help-cell = Chi bộ và lịch sinh hoạt định kỳ.
cli-help-cell-create = Tạo chi bộ với lịch sinh hoạt hằng tháng.
cli-help-cell-list = Danh sách chi bộ, lịch sinh hoạt và số đảng viên.
cli-help-cell-show = Chi tiết một chi bộ: lịch sinh hoạt, các buổi sắp tới, số đảng viên.
cli-help-cell-update = Sửa địa danh và dòng đơn vị cấp trên ở đầu văn bản của chi bộ; ghi "" để dùng lại của đảng bộ.
cli-help-opt-cell-locality = Địa danh ghi ở dòng ngày tháng của văn bản chi bộ, ví dụ "Vĩnh Yên" (mặc định theo đảng bộ).
cli-help-opt-cell-upper-unit = Dòng đơn vị cấp trên in phía trên tên chi bộ (mặc định là tên đảng bộ).
cli-help-arg-cell-name = Tên chi bộ, ví dụ "Chi bộ khu phố 3".
cli-help-arg-cell-id = Số của chi bộ (xem «chibo cell list»).
cli-help-opt-day = Ngày sinh hoạt trong tháng, từ 1 đến 31.
cli-help-opt-time = Giờ sinh hoạt, dạng giờ:phút, ví dụ 14:00.
cli-help-opt-place = Địa điểm sinh hoạt.
cli-help-opt-committee = Số của đảng ủy cấp trên.
cli-help-opt-no-shift = Không dời buổi sinh hoạt trùng ngày nghỉ, ngày lễ sang ngày làm việc kế tiếp.
cli-help-opt-remind = Nhắc đảng viên chưa báo cáo trước buổi sinh hoạt bao nhiêu ngày; lặp lại để nhắc nhiều lần (mặc định 3 và 1).
cli-help-invite = Mã mời tham gia chi bộ qua Telegram.
cli-help-invite-create = Tạo mã mời: in mã, đường dẫn mời và lưu ảnh mã QR.
cli-help-opt-cell = Số của chi bộ.
cli-help-opt-role = Vai trò của người được mời: member (đảng viên), deputy (phó bí thư) hoặc secretary (bí thư).
cli-help-opt-uses = Số người có thể dùng mã này.
cli-help-opt-days = Số ngày mã còn hiệu lực.
cli-help-opt-approval = Người tham gia phải chờ bí thư duyệt.
cli-help-opt-qr = Nơi lưu ảnh mã QR (mặc định data/invite-MÃ.png).
cli-help-opt-bot-username = Tên người dùng của bot trên Telegram để tạo đường dẫn mời (mặc định lấy từ CHIBO_BOT_USERNAME).
cli-help-member = Đảng viên: nhập danh sách, xem, duyệt, chuyển sinh hoạt.
cli-help-member-import = Nhập danh sách đảng viên từ tệp .xlsx hoặc .csv (UTF-8): cột Họ và tên, Đảng viên (chính thức / dự bị), Chức vụ, Số điện thoại. Một dòng sai thì không ghi dòng nào.
cli-help-arg-file = Tệp danh sách (.xlsx hoặc .csv).
cli-help-member-list = Danh sách đảng viên và trạng thái.
cli-help-opt-cell-filter = Chỉ liệt kê đảng viên của chi bộ này.
cli-help-opt-all = Liệt kê cả người đã rời chi bộ hoặc bị từ chối.
cli-help-member-approve = Duyệt yêu cầu tham gia chi bộ.
cli-help-member-left = Ghi nhận đảng viên đã rời chi bộ (lịch sử vẫn được giữ).
cli-help-member-transfer = Chuyển đảng viên sang sinh hoạt ở chi bộ khác (lịch sử vẫn được giữ).
cli-help-arg-member-id = Số của đảng viên (xem «chibo member list»).
cli-help-opt-to-cell = Số của chi bộ nơi đảng viên chuyển đến.
cli-help-demo = Dữ liệu mẫu để dùng thử.
cli-help-demo-seed = Tạo dữ liệu mẫu: một đảng ủy, ba chi bộ, đảng viên, kế hoạch và báo cáo (chạy lại không tạo thêm).

cli-database-error = Không làm việc được với cơ sở dữ liệu { $url }: { $reason }
cli-file-unreadable = Không đọc được tệp { $path }: { $reason }
cli-migrated = Cơ sở dữ liệu { $url } đã ở bản mới nhất: { $revision }.

cli-committee-created = Đã tạo đảng bộ số { NUMBER($id, useGrouping: 0) }: { $name }, cấp ủy là { $body }.
cli-committee-updated = Đã cập nhật { $name }.
cli-committees-none = Chưa có đảng bộ nào. Tạo bằng «chibo committee create TÊN».
cli-cell-created = Đã tạo chi bộ số { NUMBER($id, useGrouping: 0) }: { $name }.
cli-cell-updated = Đã cập nhật { $name }.
cli-value-unset = (chưa ghi)
cli-value-inherited = { $value } (theo đảng bộ)
cli-cells-none = Chưa có chi bộ nào. Tạo bằng «chibo cell create TÊN --day 5 --time 14:00 --place ĐỊA_ĐIỂM».
cli-cells-title = Các chi bộ
cli-meeting-when = ngày { NUMBER($day, useGrouping: 0) }, { $time }
cli-meeting-rule = Sinh hoạt ngày { NUMBER($day, useGrouping: 0) } hằng tháng, lúc { $time }, tại { $place }
cli-reminders-days = { $days } ngày trước buổi sinh hoạt
cli-shift-next-working-day = dời sang ngày làm việc kế tiếp nếu trùng ngày nghỉ, ngày lễ
cli-shift-none = giữ nguyên ngày, kể cả ngày nghỉ

cli-invite-title = Mã mời
cli-invite-no-username = (chưa biết tên bot: đặt CHIBO_BOT_USERNAME hoặc dùng --bot-username; ảnh QR chỉ chứa mã)
cli-yes = có
cli-no = không

cli-import-progress = Đang ghi danh sách đảng viên
cli-member-imported = Đã nhập { $count } đảng viên vào { $cell }.
cli-members-none = Chưa có đảng viên nào.
cli-members-title = Đảng viên ({ $count })
cli-member-approved = Đã duyệt đồng chí { $name } tham gia chi bộ.
cli-member-left = Đã ghi nhận đồng chí { $name } rời chi bộ.
cli-member-transferred = Đã chuyển đồng chí { $name } sang sinh hoạt tại { $cell }.

cli-role-member = Đảng viên
cli-role-deputy = Phó bí thư
cli-role-secretary = Bí thư
cli-role-committee = Đảng ủy viên
cli-party-official = Chính thức
cli-party-probationary = Dự bị
cli-status-active = Đang sinh hoạt
cli-status-pending = Chờ duyệt
cli-status-refused = Bị từ chối
cli-status-left = Đã rời chi bộ
cli-telegram-linked = Đã kết nối
cli-telegram-not-linked = Chưa kết nối
cli-telegram-blocked = Đã chặn bot

cli-col-id = Số
cli-col-name = Họ và tên
cli-col-cell = Chi bộ
cli-col-cells = Số chi bộ
cli-col-committee = Đảng bộ
cli-col-organisation = Đảng bộ
cli-col-executive = Đảng ủy
cli-col-upper-unit = Đơn vị cấp trên
cli-col-symbol = Ký hiệu văn bản
cli-col-locality = Địa danh
cli-col-meeting = Lịch sinh hoạt
cli-col-next-meeting = Buổi sắp tới
cli-col-place = Địa điểm
cli-col-shift = Ngày nghỉ, ngày lễ
cli-col-reminders = Nhắc báo cáo
cli-col-active = Đang sinh hoạt
cli-col-probationary = Dự bị
cli-col-pending = Chờ duyệt
cli-col-code = Mã
cli-col-role = Chức vụ
cli-col-party = Đảng viên
cli-col-status = Trạng thái
cli-col-telegram = Telegram
cli-col-phone = Điện thoại
cli-col-uses = Số lượt
cli-col-expires = Hết hạn
cli-col-approval = Cần duyệt
cli-col-link = Đường dẫn mời
cli-col-qr = Ảnh QR

## chibo outbox
cli-help-outbox = Hàng đợi tin nhắn cần gửi (nhắc nhở, báo cáo gửi bí thư).
cli-help-outbox-status = Số tin đang chờ, đang gửi, đã gửi, gửi lỗi, đã bỏ; tin chờ lâu nhất và tốc độ gửi gần đây.
cli-help-outbox-retry = Đưa các tin gửi lỗi trở lại hàng đợi để gửi lại.
cli-help-opt-outbox-minutes = Tính tốc độ gửi trong bấy nhiêu phút gần nhất.
cli-help-opt-outbox-kind = Chỉ gửi lại tin thuộc loại này (ví dụ report-reminder).
cli-outbox-none = không có
cli-outbox-status =
    Đang chờ: { $pending } · Đang gửi: { $sending } · Đã gửi: { $sent } · Gửi lỗi: { $failed } · Đã bỏ: { $dropped }
    Tin chờ lâu nhất từ: { $oldest }
    Tốc độ { $minutes } phút qua: { $rate } tin/phút
cli-outbox-failure-reasons = Lý do gửi lỗi (nhiều nhất trước):
cli-outbox-failure-reason = { $count } tin: { $reason }
cli-outbox-no-reason = (không ghi lý do)
cli-outbox-retried = Đã đưa { $count } tin gửi lỗi trở lại hàng đợi.
cli-help-backup = Sao lưu cơ sở dữ liệu khi bot vẫn chạy (SQLite: bản sao nhất quán rồi kiểm tra; PostgreSQL: pg_dump -Fc) vào tệp chỉ định, mặc định data/backups/chibo-NGÀY-GIỜ.
cli-help-restore = Khôi phục cơ sở dữ liệu từ một bản sao lưu của chibo; cơ sở dữ liệu đang dùng được giữ lại thành bản before-restore trong data/backups.
cli-help-arg-backup-file = Tệp sao lưu sẽ tạo (không được trùng tệp đã có).
cli-help-arg-restore-file = Tệp sao lưu do «chibo backup» tạo.
cli-help-opt-yes = Xác nhận thay thế cơ sở dữ liệu đang dùng.
cli-backup-done = Đã sao lưu { $url } vào { $path } ({ $size } KB, bản cấu trúc { $revision }); bản sao đã được kiểm tra.
cli-backup-sqlite-no-file = CHIBO_DATABASE_URL không trỏ tới một tệp SQLite nên không có gì để sao lưu.
cli-backup-file-missing = Không có tệp { $path }.
cli-backup-target-exists = Tệp { $path } đã có; đồng chí chọn tên khác để không ghi đè bản sao lưu cũ.
cli-backup-damaged = Tệp { $path } bị hỏng: { $reason }
cli-backup-not-sqlite = Tệp { $path } không phải cơ sở dữ liệu SQLite dùng được: { $reason }
cli-backup-not-chibo = Tệp { $path } không phải cơ sở dữ liệu của chibo (không có bảng alembic_version).
cli-backup-unknown-revision = Tệp { $path } ở bản cấu trúc { $revision } mà phiên bản chibo này không biết; đồng chí dùng phiên bản chibo đã tạo bản sao lưu.
cli-backup-not-pg-dump = Tệp { $path } không phải bản sao lưu pg_dump -Fc.
cli-backup-tool-failed = { $tool } báo lỗi: { $reason }
cli-backup-os-error = Không ghi được { $path }: { $reason }
cli-backup-pg-guidance =
    Không tìm thấy pg_dump và pg_restore (gói postgresql-client cùng phiên bản với máy chủ). Sao lưu và khôi phục bằng tay:
      { $dump }
      { $restore }
    Mật khẩu đặt trong biến môi trường PGPASSWORD.
cli-restore-needs-yes = Khôi phục sẽ thay toàn bộ dữ liệu của { $url } bằng { $path }. Đồng chí nên dừng bot trước, rồi chạy lại lệnh với --yes.
cli-restore-done = Đã khôi phục { $url } từ { $path } (bản cấu trúc { $revision }, nay là { $head }). Dữ liệu cũ được giữ tại: { $aside }
cli-restore-nothing-aside = không có (chưa có cơ sở dữ liệu).
cli-help-member-data = Xuất toàn bộ dữ liệu chibo lưu về một đảng viên (tệp JSON), để trả lời yêu cầu theo Nghị định 13/2023/NĐ-CP của người không còn dùng bot.
cli-help-opt-data-out = Nơi ghi tệp (mặc định data/du-lieu-ca-nhan-SỐ.json).
cli-file-unwritable = Không ghi được tệp { $path }: { $reason }
cli-member-data-written = Đã ghi dữ liệu cá nhân vào { $path }. Tệp chứa dữ liệu cá nhân: chỉ trao cho chính đảng viên đó.
cli-help-member-anonymise = Ẩn danh dữ liệu cá nhân của đảng viên đã rời chi bộ: xóa họ tên, tài khoản Telegram, số điện thoại và mọi nội dung tự viết; số liệu của chi bộ giữ nguyên. Không hoàn tác được.
cli-help-opt-anonymise-yes = Xác nhận ẩn danh (không hoàn tác được).
cli-member-anonymise-needs-yes = Ẩn danh xóa vĩnh viễn họ tên, tài khoản và nội dung tự viết của đảng viên số { NUMBER($member_id, useGrouping: 0) }; không hoàn tác được. Chạy lại lệnh với --yes để xác nhận.
cli-member-anonymised = Đã ẩn danh dữ liệu cá nhân của đảng viên số { NUMBER($member_id, useGrouping: 0) }; nay hiển thị là «{ $label }».
cli-restore-same-file = Tệp { $path } chính là cơ sở dữ liệu đang dùng; đồng chí chọn một bản sao lưu.

## chibo year
cli-help-year = Cấu hình kế hoạch từng năm: chuyên đề năm, tên kế hoạch, các phần của kế hoạch cá nhân.
cli-help-year-show = Xem cấu hình đang áp dụng cho một năm: của đảng ủy, cấu hình chung hoặc mẫu có sẵn.
cli-help-year-import = Ghi cấu hình một năm từ tệp TOML (lấy mẫu bằng «chibo year export»). Tệp có lỗi thì không ghi gì.
cli-help-year-export = In cấu hình đang áp dụng cho một năm thành tệp TOML, để sửa rồi nhập lại bằng «chibo year import».
cli-help-arg-year = Năm, ví dụ 2026.
cli-help-arg-year-file = Tệp cấu hình năm (.toml, UTF-8).
cli-help-opt-year-committee = Số của đảng ủy (xem «chibo committee list»); bỏ trống là cấu hình chung, dùng cho các chi bộ mà đảng ủy chưa có cấu hình riêng.
cli-help-opt-year-out = Ghi vào tệp này thay vì in ra màn hình.
cli-year-title = Cấu hình kế hoạch năm { $year }
cli-year-scope-national = Cấu hình chung
cli-year-source-own = Cấu hình riêng
cli-year-source-national = Theo cấu hình chung (đảng ủy chưa có cấu hình riêng cho năm này)
cli-year-source-template = Mẫu có sẵn, phiên bản { $version } (chưa có cấu hình cho năm này)
cli-year-plan-title = Kế hoạch cá nhân { $title } năm { $year }
cli-year-no-theme = (chưa đặt)
cli-year-window = Mở từ { $opens }, hạn { $due }
cli-year-saved = Đã lưu cấu hình năm { $year } ({ $scope }): { $sections } phần.
cli-year-exported = Đã ghi cấu hình năm { $year } ({ $scope }) vào { $file }.
cli-year-file-comment-head = Cấu hình kế hoạch năm { $year }, { $scope }: { $source }. Sửa rồi nhập lại bằng: chibo year import TỆP.toml
cli-year-file-comment-wording = plan_title: "lam-theo" = học tập và làm theo …; "thuc-hanh" = học tập, làm theo và thực hành tư tưởng, đạo đức, phong cách Hồ Chí Minh.
cli-year-file-comment-sections = Các phần khớp theo position: phần đã có việc trong kế hoạch của đảng viên thì đổi tên được, không bỏ được.
cli-col-scope = Phạm vi
cli-col-source = Nguồn
cli-col-plan-title = Tên kế hoạch
cli-col-theme = Chuyên đề năm
cli-col-registration = Đăng ký kế hoạch
cli-col-position = Phần
cli-col-section = Tên phần
cli-col-plans = Số kế hoạch có việc trong phần
