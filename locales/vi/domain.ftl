## Lỗi do quy tắc nghiệp vụ báo ra (DomainError): một câu, nói rõ điều gì sai và cách sửa

## Văn bản do người dùng nhập

error-text-empty = Nội dung không được để trống.
error-text-no-letters = Nội dung phải có chữ hoặc số, không chỉ gồm ký hiệu hay biểu tượng.
error-text-too-short = Nội dung quá ngắn: { $length } ký tự, cần ít nhất { $min } ký tự.
error-text-too-long = Nội dung quá dài: { $length } ký tự, tối đa { $max } ký tự.
error-name-empty = Họ và tên không được để trống; đồng chí gõ đầy đủ họ, tên đệm và tên, ví dụ Nguyễn Văn An.
error-name-no-letters = Họ và tên phải có chữ cái, không chỉ gồm số hay ký hiệu.
error-name-too-short = Họ và tên quá ngắn: { $length } ký tự, cần ít nhất { $min } ký tự.
error-name-too-long = Họ và tên quá dài: { $length } ký tự, tối đa { $max } ký tự.
error-permission-denied = Đồng chí không có quyền thực hiện thao tác này.

## Đảng ủy, chi bộ và lịch sinh hoạt

error-committee-name-taken = Đã có đảng bộ tên «{ $name }».
error-unit-symbol-empty = Cần ghi ký hiệu văn bản của đảng ủy, ví dụ ĐU.
error-unit-symbol-format = Ký hiệu «{ $value }» không hợp lệ: chỉ gồm chữ và số (có thể nối bằng dấu gạch ngang), tối đa { $max } ký tự, ví dụ ĐU.
# How a committee's one given name is split into the organisation and its executive body.
unit-organisation-prefix = Đảng bộ
unit-body-prefix = Đảng ủy
unit-body-prefix-old-spelling = Đảng uỷ
error-committee-not-found = Không tìm thấy đảng ủy số { NUMBER($committee_id, useGrouping: 0) }.
error-cell-name-taken = Đã có chi bộ tên «{ $name }».
error-cell-not-found = Không tìm thấy chi bộ số { NUMBER($cell_id, useGrouping: 0) }.
error-meeting-day-range = Ngày sinh hoạt phải từ 1 đến 31 (đã nhập { NUMBER($day, useGrouping: 0) }). Tháng nào không có ngày đó thì sinh hoạt vào ngày cuối tháng.
error-meeting-time-format = Giờ sinh hoạt «{ $value }» không hợp lệ; nhập theo dạng giờ:phút, ví dụ 14:00.
error-meeting-place-empty = Cần ghi địa điểm sinh hoạt.
error-meeting-place-too-long = Địa điểm quá dài: { $length } ký tự, tối đa { $max } ký tự.
error-reminder-offset-range = Số ngày nhắc trước buổi sinh hoạt phải từ 0 đến { $max } (đã nhập { $days }).

## Cấu hình kế hoạch năm (chibo year import, cửa sổ cấu hình năm)

error-year-out-of-range = Năm { $year } nằm ngoài khoảng { $first }–{ $last }.
error-year-config-not-found = Không tìm thấy cấu hình năm số { NUMBER($config_id, useGrouping: 0) }.
error-year-section-not-found = Không có phần số { $position } trong cấu hình năm này.
error-year-section-in-use = Phần { $position } «{ $title }» đang có việc trong { $plans } kế hoạch của đảng viên nên không bỏ được (đổi tên thì được); chưa ghi thay đổi nào.
error-year-file-syntax = Tệp không đúng cú pháp TOML.
error-year-file-syntax-at = Tệp không đúng cú pháp TOML ở dòng { $line }, cột { $column }.
error-year-file-unknown-field = Trường «{ $field }» không có trong mẫu tệp; các trường dùng được: { $known }.
error-year-file-missing = Thiếu trường «{ $field }».
error-year-file-not-integer = Trường «{ $field }» phải là một số nguyên.
error-year-file-not-text = Trường «{ $field }» phải là văn bản trong dấu ngoặc kép.
error-year-file-not-sections = Trường «{ $field }» phải là danh sách các phần, mỗi phần mở đầu bằng dòng [[sections]].
error-year-file-section-count = Kế hoạch cần từ 1 đến { $max } phần; tệp có { $count } phần.
error-year-file-position = Trường «{ $field }» phải là số thứ tự từ 1 trở lên.
error-year-file-duplicate-position = Trường «{ $field }»: số thứ tự { $position } đã dùng cho một phần khác.
error-year-file-field = Trường «{ $field }»: { $reason }
error-year-file-date = Trường «{ $field }»: «{ $value }» không phải là ngày hợp lệ; ghi dạng 2026-01-31 hoặc "31/01/2026".
error-year-file-window = Ngày mở đăng ký ({ $opens }) phải trước hạn đăng ký ({ $due }).
error-year-file-wording = Trường «{ $field }»: «{ $value }» không hợp lệ; dùng { $allowed }.

## Đảng viên

error-exemplary-not-found = Việc này không còn là việc đã hoàn thành trong báo cáo tháng của chi bộ.
error-quarter = Quý { $quarter } không có: một năm có các quý 1, 2, 3 và 4.
error-member-not-found = Không tìm thấy đảng viên số { NUMBER($member_id, useGrouping: 0) }.
error-phone-format = Số điện thoại «{ $value }» không đúng dạng số điện thoại Việt Nam (ví dụ 0912 345 678).
error-member-duplicate = Đảng viên «{ $name }» đã có trong chi bộ (trùng họ tên và số điện thoại). Nếu là hai người trùng tên, đồng chí ghi số điện thoại để phân biệt.
error-member-duplicate-telegram = Tài khoản Telegram này đã gắn với đảng viên «{ $name }».
error-member-not-active = Đồng chí { $name } hiện không phải đảng viên đang sinh hoạt.
error-member-not-pending = Đồng chí { $name } không có yêu cầu tham gia nào đang chờ duyệt.
error-member-is-secretary = Đồng chí { $name } là bí thư chi bộ; việc thay bí thư do cấp ủy cấp trên thực hiện.
error-member-already-left = Đồng chí { $name } đã được ghi nhận là rời chi bộ.
error-member-same-cell = Đồng chí { $name } đã sinh hoạt tại { $cell }.
error-member-self = Đồng chí không thể tự thực hiện thao tác này cho chính mình.
error-member-one-cell = Đồng chí đang sinh hoạt ở một chi bộ khác. Một đảng viên chỉ thuộc một chi bộ; chuyển chi bộ do bí thư thực hiện.

## Mã mời

error-invite-unknown = Mã mời «{ $code }» không đúng. Đồng chí kiểm tra lại mã hoặc xin bí thư chi bộ mã mới.
error-invite-expired = Mã mời «{ $code }» đã hết hạn. Đồng chí xin bí thư chi bộ mã mới.
error-invite-used-up = Mã mời «{ $code }» đã được dùng hết lượt. Đồng chí xin bí thư chi bộ mã mới.
error-invite-already-here = Đồng chí đã là thành viên của { $cell }.
error-invite-role = Không thể tạo mã mời cho vai trò «{ $role }».
error-invite-uses-range = Số lượt dùng phải từ 1 đến { $max } (đã nhập { $uses }).
error-invite-days-range = Thời hạn mã mời phải từ 1 đến { $max } ngày (đã nhập { $days }).

## Nhập danh sách đảng viên từ tệp

error-import-rejected = Tệp có { $count } dòng không hợp lệ; chưa ghi đảng viên nào. Đồng chí sửa các dòng dưới đây rồi nhập lại.
error-import-format = Tệp «{ $filename }» không được hỗ trợ; dùng tệp Excel (.xlsx) hoặc CSV (.csv).
error-import-unreadable = Không đọc được tệp: tệp hỏng hoặc không đúng định dạng.
error-import-encoding = Tệp CSV phải lưu với bảng mã UTF-8 (trong Excel: Lưu thành › CSV UTF-8).
error-import-no-header = Tệp trống: dòng đầu tiên phải là tiêu đề các cột.
error-import-missing-full-name = Không thấy cột «Họ và tên» trong dòng tiêu đề.
error-import-missing-party-status = Không thấy cột «Đảng viên» (chính thức / dự bị) trong dòng tiêu đề.
error-import-empty = Tệp chỉ có dòng tiêu đề, không có đảng viên nào.
error-import-too-many = Tệp có quá nhiều dòng; mỗi lần nhập tối đa { $max } đảng viên.
error-import-name-missing = Dòng { NUMBER($row, useGrouping: 0) }: thiếu họ và tên.
error-import-name-no-letters = Dòng { NUMBER($row, useGrouping: 0) }: họ và tên phải có chữ.
error-import-name-too-short = Dòng { NUMBER($row, useGrouping: 0) }: họ và tên quá ngắn ({ $length } ký tự, cần ít nhất { $min }).
error-import-name-too-long = Dòng { NUMBER($row, useGrouping: 0) }: họ và tên quá dài ({ $length } ký tự, tối đa { $max }).
error-import-party-status-missing = Dòng { NUMBER($row, useGrouping: 0) }: thiếu loại đảng viên (chính thức hoặc dự bị).
error-import-party-status-unknown = Dòng { NUMBER($row, useGrouping: 0) }: loại đảng viên «{ $value }» không hợp lệ; ghi «chính thức» hoặc «dự bị».
error-import-role-unknown = Dòng { NUMBER($row, useGrouping: 0) }: chức vụ «{ $value }» không hợp lệ; ghi «đảng viên», «phó bí thư» hoặc «bí thư».
error-import-phone = Dòng { NUMBER($row, useGrouping: 0) }: số điện thoại «{ $value }» không đúng dạng số điện thoại Việt Nam.
error-import-duplicate-in-file = Dòng { NUMBER($row, useGrouping: 0) }: «{ $name }» trùng với dòng { NUMBER($other, useGrouping: 0) } (cùng họ tên và số điện thoại).
error-import-duplicate-in-cell = Dòng { NUMBER($row, useGrouping: 0) }: đảng viên «{ $name }» đã có trong chi bộ.
error-import-second-secretary = Dòng { NUMBER($row, useGrouping: 0) }: chi bộ chỉ có một bí thư, dòng { NUMBER($other, useGrouping: 0) } đã ghi bí thư.
error-import-cell-has-secretary = Dòng { NUMBER($row, useGrouping: 0) }: chi bộ đã có bí thư.
error-member-already-anonymised = Dữ liệu cá nhân của đảng viên số { NUMBER($number, useGrouping: 0) } đã được ẩn danh.
error-member-not-left = Chỉ ẩn danh dữ liệu của đảng viên đã rời chi bộ; đồng chí { $name } vẫn đang sinh hoạt hoặc chờ duyệt.
member-anonymised-name = Đảng viên đã ẩn danh số { NUMBER($number, useGrouping: 0) }
