## Kênh Zalo: trò chuyện bằng chữ (không có nút bấm), văn bản thuần, không định dạng HTML

zalo-welcome =
    Chào đồng chí. Đây là trợ lý kế hoạch cá nhân và báo cáo tháng của chi bộ.
    { zalo-about-bot }
    Đồng chí gõ mã mời (8 ký tự) mà bí thư chi bộ gửi để tham gia chi bộ.
    Nếu đồng chí đã dùng Telegram, gõ mã liên kết lấy từ mục «Liên kết Zalo» trên Telegram.
zalo-about-bot = Đồng chí đang nhắn với phần mềm tự động, không phải với người. Họ tên, tài khoản Zalo và những gì đồng chí gửi chỉ được lưu để chi bộ theo dõi kế hoạch, báo cáo; bí thư, phó bí thư chi bộ xem được.
zalo-quota-exhausted = Zalo báo trợ lý đã dùng hết hạn mức gửi tin, nên hôm nay một số tin nhắn qua Zalo không gửi được. Các đồng chí dùng Zalo có thể gõ menu để xem việc cần làm, hoặc chọn nhận nhắc nhở qua Telegram.
zalo-pending = Đồng chí đã xin tham gia chi bộ và đang chờ bí thư duyệt. Khi được duyệt, đồng chí gõ menu để bắt đầu.
zalo-inactive = Tài khoản này không còn thuộc chi bộ nào. Nếu được mời lại, đồng chí gõ mã mời mới.
zalo-private-only = Trợ lý chi bộ chỉ làm việc trong tin nhắn riêng. Đồng chí nhắn riêng cho trợ lý để lập kế hoạch, báo cáo.
zalo-text-only = Trợ lý chỉ đọc được tin nhắn chữ. Đồng chí gõ số hoặc lệnh, ví dụ: menu.
zalo-join-cell =
    Mã mời hợp lệ: { $cell }.
    Gõ 1 để tham gia với họ tên «{ $name }», hoặc gõ họ và tên đầy đủ của đồng chí.
    Gõ huy để thôi.
zalo-join-approval = Bí thư chi bộ sẽ duyệt trước khi đồng chí vào chi bộ.
zalo-joined = Chào mừng đồng chí { $name } tham gia { $cell }. Từ nay nhắc nhở của chi bộ sẽ gửi qua Zalo.
zalo-join-pending = Đã gửi đề nghị tham gia { $cell }. Đồng chí chờ bí thư chi bộ duyệt.
zalo-linked = Đã liên kết Zalo với tài khoản của đồng chí { $name }. Gõ 4 (nhacnho) để chọn nơi nhận nhắc nhở.
zalo-cancelled = Đã dừng. Những gì đồng chí đã nhập vẫn được lưu làm bản nháp.

zalo-menu =
    Chào đồng chí { $name }. Đồng chí gõ số hoặc lệnh:
    Gõ 1 (kehoach) để lập, xem kế hoạch cá nhân năm { $year }
    Gõ 2 (baocao) để báo cáo tháng { $month }/{ $year_of_month }
    Gõ 3 (lich) để xem lịch sinh hoạt chi bộ
    Gõ 4 (nhacnho) để chọn nơi nhận nhắc nhở (đang nhận qua { $channel })
    Gõ 5 (huongdan) để xem hướng dẫn
    Gõ lichsu để xem lại kế hoạch, báo cáo đã qua; thamdu để xác nhận dự buổi sinh hoạt tới; dulieu để tải dữ liệu của đồng chí.
    Gõ huy để dừng việc đang làm.
zalo-menu-leader =
    Gõ 6 (tonghop) để xem tổng hợp báo cáo tháng của chi bộ và tải tệp báo cáo.
    Gõ chuabaocao để xem ai chưa báo cáo và nhắc, duyetkehoach để duyệt kế hoạch, xinthamgia để duyệt người xin vào chi bộ.
zalo-not-understood = Trợ lý chưa hiểu «{ $text }». Đồng chí gõ một số trong thực đơn hoặc gõ menu.
zalo-help =
    Hướng dẫn dùng trợ lý trên Zalo:
    - Mỗi lần trợ lý hỏi một câu; đồng chí trả lời bằng một tin nhắn.
    - Gõ số để chọn; gõ 0 để bỏ qua một câu không bắt buộc.
    - Lệnh ngắn: kehoach (kế hoạch), baocao (báo cáo tháng), lich (lịch sinh hoạt), nhacnho (nơi nhận nhắc nhở), huongdan (hướng dẫn), huy (dừng), menu (thực đơn).
    - Ở bản xem trước: gõ «xoa 2» để xóa việc số 2 của kế hoạch, «sua 2» hoặc «sua 2 nội dung mới» để sửa việc đó; «sua 1» để trả lời lại việc số 1 của báo cáo.
    - Khi trả lời lại một việc của báo cáo, gõ 0 để giữ ghi chú cũ, gõ - để xóa ghi chú.
    - Gõ «baocao 3» để báo cáo tháng 3 khi tháng đó còn hạn (vài ngày sau buổi sinh hoạt).
    - Gõ «xin vắng» rồi lý do để xin vắng buổi sinh hoạt tới, gõ thamdu để xác nhận sẽ tham dự.
    - Gõ lichsu để xem lại kế hoạch, báo cáo đã qua («lichsu 2025» cho năm khác), gõ dulieu để tải toàn bộ dữ liệu của đồng chí.
    - Mọi câu trả lời được lưu ngay; dừng giữa chừng thì lần sau gõ lại lệnh để làm tiếp.
zalo-help-leader =
    Lệnh của bí thư, phó bí thư:
    - tonghop: tổng hợp báo cáo tháng, kèm liên kết tải tệp Word, Excel và biểu đồ (mỗi liên kết tải được một lần).
    - chuabaocao: danh sách đồng chí chưa báo cáo tháng này; gõ nhac để nhắc tất cả, «nhac 2» để nhắc đồng chí số 2.
    - duyetkehoach: kế hoạch đang chờ duyệt; gõ số thứ tự để xem, rồi 1 để duyệt hoặc 2 để trả lại kèm ý kiến.
    - xinthamgia: người đang xin vào chi bộ; gõ số thứ tự, rồi 1 để chấp nhận hoặc 2 để từ chối.
    - xemchibo: liên kết mở trang xem chi bộ (dùng được một lần).
zalo-channel-telegram = Telegram
zalo-channel-zalo = Zalo
zalo-channel-ask =
    Nhắc nhở của chi bộ đang gửi qua { $channel }.
    Gõ 1 để nhận qua Telegram, gõ 2 để nhận qua Zalo.
zalo-channel-set = Từ nay nhắc nhở sẽ gửi qua { $channel }.
zalo-schedule-none = Chưa có buổi sinh hoạt nào sắp tới.
zalo-schedule =
    Lịch sinh hoạt sắp tới của chi bộ:
    { $lines }
zalo-schedule-line = - { $date } lúc { $time }, tại { $place }{ $thematic }
zalo-schedule-thematic = (sinh hoạt chuyên đề)
zalo-absence-how = Để xin vắng buổi sinh hoạt tới, đồng chí gõ «xin vắng» rồi lý do, ví dụ: xin vắng đi công tác.
zalo-absence-sent = Đã gửi giấy xin vắng buổi sinh hoạt ngày { $date } lúc { $time } tới bí thư chi bộ.

zalo-plan-locked =
    Kế hoạch năm { $year } đã được bí thư ghi nhận:
    { $preview }
zalo-plan-section =
    Kế hoạch năm { $year }, phần { $position }/{ $total }: { $title }
    Đã có { $count } việc trong phần này.
    Gõ một việc cụ thể (mỗi tin nhắn một việc, từ 5 đến 500 ký tự). Gõ 0 để sang phần sau.
zalo-plan-example = Ví dụ: { $example }
zalo-plan-item-added = Đã thêm việc vào phần «{ $title }». Gõ thêm việc khác, hoặc gõ 0 để sang phần sau.
zalo-plan-preview =
    Kế hoạch cá nhân năm { $year } ({ $status }):
    { $preview }
zalo-plan-theme = Chuyên đề năm { $year }: { $theme }
zalo-plan-preview-section = Phần { $position }: { $title }
zalo-plan-preview-item = { $number }) { $text }
zalo-plan-preview-empty = (chưa có việc nào)
zalo-plan-confirm = Gõ 1 để đăng ký kế hoạch với chi bộ, gõ 2 để thêm việc từ phần đầu, gõ «xoa» và số thứ tự để xóa một việc (ví dụ: xoa 2), gõ huy để dừng (bản nháp được giữ).
zalo-plan-item-deleted = Đã xóa việc «{ $text }» khỏi kế hoạch.
zalo-plan-no-such-item = Không có việc số { $number } trong kế hoạch.
zalo-plan-submitted = Đã đăng ký kế hoạch năm { $year }. Bí thư chi bộ đã được báo.

zalo-report-item =
    Báo cáo tháng { $month }/{ $year }, việc { $number }/{ $total }:
    { $text }
    ({ $section })
    Gõ 1 nếu đã hoàn thành, 2 nếu đang thực hiện, 3 nếu chưa thực hiện.
zalo-report-item-current = Đã ghi: { $status }{ $note }. Gõ lại 1, 2 hoặc 3 để đổi.
zalo-report-note = Đồng chí ghi chú ngắn về việc này (tối đa 500 ký tự), hoặc gõ 0 để bỏ qua.
zalo-report-note-current =
    Ghi chú hiện tại: «{ $note }».
    Gõ ghi chú mới để thay (tối đa 500 ký tự), gõ 0 để giữ nguyên, gõ - để xóa ghi chú.
zalo-report-choose-status = Đồng chí gõ 1, 2 hoặc 3.
zalo-report-free = Việc làm khác trong tháng, ngoài kế hoạch (mỗi tin nhắn một việc)? Gõ 0 nếu không có.
zalo-report-free-added = Đã ghi. Gõ thêm việc khác, hoặc gõ 0 để tiếp tục.
zalo-report-difficulties = Khó khăn, vướng mắc trong tháng? Gõ 0 nếu không có.
zalo-report-proposals = Đề xuất, kiến nghị với chi bộ? Gõ 0 nếu không có.
zalo-report-preview =
    Báo cáo tháng { $month }/{ $year } ({ $state }):
    { $lines }
    Khó khăn: { $difficulties }
    Kiến nghị: { $proposals }
zalo-report-line = { $number }. { $text }: { $status }{ $note }
zalo-report-line-note = ({ $note })
zalo-report-free-line = - Việc khác: { $text }
zalo-report-none = không có
zalo-report-confirm = Gõ 1 để gửi báo cáo, gõ 2 để làm lại từ việc đầu tiên, gõ «sua» và số thứ tự để sửa một việc (ví dụ: sua 1), gõ huy để dừng (bản nháp được giữ).
zalo-report-no-such-item = Không có việc số { $number } trong báo cáo.
zalo-report-sent = Đã gửi báo cáo tháng { $month }/{ $year }. Cảm ơn đồng chí.
zalo-report-already-sent = Báo cáo này đã được gửi. Gõ 2 nếu muốn sửa lại, gõ menu để về thực đơn.

zalo-summary =
    { $cell }, tháng { $month }/{ $year }:
    Đã báo cáo: { $reported }/{ $total } đồng chí.
    Việc hoàn thành: { $done }, đang thực hiện: { $in_progress }, chưa thực hiện: { $not_started }.
    { $missing }
zalo-summary-missing = Chưa báo cáo: { $names }.
zalo-summary-all = Tất cả đảng viên đã báo cáo.
zalo-missing =
    Tháng { $period }: { $count }/{ $total } đồng chí chưa báo cáo:
    { $lines }
    Gõ nhac để nhắc tất cả, hoặc «nhac» và số thứ tự để nhắc một đồng chí (ví dụ: nhac 1).
zalo-missing-line = { $number }. { $name }{ $unreachable }
zalo-missing-unreachable = {" "}(trợ lý chưa nhắn được cho đồng chí này)
zalo-missing-none = Tháng { $period }: tất cả đảng viên đã báo cáo.
zalo-review-list =
    Kế hoạch năm { $year } đang chờ duyệt:
    { $lines }
    Gõ số thứ tự để xem kế hoạch.
zalo-review-line = { $number }. { $name } ({ $items } việc)
zalo-review-none = Không có kế hoạch năm { $year } nào đang chờ duyệt.
zalo-review-plan =
    Kế hoạch năm { $year } của đồng chí { $name }:
    { $preview }
zalo-review-choose = Gõ 1 để duyệt, gõ 2 để trả lại kèm ý kiến, gõ 0 để về danh sách.
zalo-review-comment = Đồng chí gõ ý kiến gửi đồng chí { $name } (vì sao trả lại, cần sửa gì).
zalo-joins =
    Người đang xin vào chi bộ:
    { $lines }
    Gõ số thứ tự để chấp nhận hoặc từ chối.
zalo-joins-line = { $number }. { $name }
zalo-joins-none = Không có ai đang xin vào chi bộ.
zalo-join-choose = { $name } xin vào chi bộ. Gõ 1 để chấp nhận, gõ 2 để từ chối, gõ 0 để về danh sách.
zalo-join-accepted = Đã chấp nhận đồng chí { $name } vào chi bộ; đồng chí đã được báo.
zalo-file-link = Tệp { $filename } (Zalo không gửi được tệp): tải một lần tại { $url }
zalo-reply-hint = Gõ menu để xem thực đơn: 1 kế hoạch, 2 báo cáo tháng, 3 lịch sinh hoạt.
zalo-download-gone = Liên kết tải tệp không đúng, đã dùng hoặc đã hết hạn. Đồng chí xin lại trong Zalo (gõ tonghop).

error-zalo-already-linked = Tài khoản Zalo này đã được liên kết với một đảng viên.
error-zalo-link-code-invalid = Mã liên kết «{ $code }» không đúng, đã dùng hoặc đã hết hạn. Đồng chí lấy mã mới trên Telegram.
error-channel-not-linked = Đồng chí chưa liên kết tài khoản trên kênh này nên chưa thể nhận nhắc nhở ở đó.
error-download-invalid = Liên kết tải tệp không đúng, đã dùng hoặc đã hết hạn.

## Trên Telegram: lấy mã liên kết Zalo

menu-link-zalo = 🔗 Liên kết Zalo
menu-zalo-code =
    Mã liên kết Zalo của đồng chí: <code>{ $code }</code>
    Đồng chí mở Zalo, nhắn mã này cho trợ lý chi bộ (dùng một lần, trong { $hours } giờ). Sau đó chọn nơi nhận nhắc nhở: Telegram hoặc Zalo.

## Chế độ thử trên máy

local-zalo-ready = Trên Zalo (thẻ «Zalo» của trang trò chuyện), người mới gõ mã mời: { $code }
zalo-webview-link = Xem chi bộ trong nháy mắt (bảng báo cáo cả năm, kế hoạch chờ duyệt, người xin vào chi bộ): mở một lần tại { $url }
zalo-webview-off = Trang xem chi bộ chưa được bật trên máy chủ này.
