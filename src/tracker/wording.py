"""Every label an output shows, in Vietnamese and English, in one place.

Terminal tables, `stats`, the Markdown and HTML reports (as `L` in the templates),
Word, Excel and `import`'s reading of Vietnamese statuses all take their words
from here, so that no two outputs name one thing differently.

A data repository changes any of them with `templates/lang/<lang>.j2` beside its
`data/`: a template of `{% set key = "…" %}` lines (a dict such as `status` may
give only the entries it changes). It is rendered in Jinja's sandbox: it can set
words, not run code.
"""

import functools
import re
from pathlib import Path
from typing import Any, TypedDict

from tracker.confined import loader
from tracker.dates import shown
from tracker.errors import TrackerError
from tracker.i18n import tr
from tracker.text import fold

COMMON_SHOWN = 30  # a common obstacle's row lists this many of its communes and IDs, then how many more

VI: dict[str, Any] = {
    # The document's head (Decree 30/2020 form) and its signature block.
    "committee": "ỦY BAN NHÂN DÂN TỈNH NGHỆ AN",
    "group": "TỔ CÔNG TÁC SỐ 2",
    "group_name": "Tổ công tác số 2",  # the author of its documents
    "number": "Số:",
    "report_number": "…/BC-TCT2",
    "standing": "Cơ quan thường trực: Sở Nông nghiệp và Môi trường",
    "motto_1": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "motto_2": "Độc lập - Tự do - Hạnh phúc",
    "place": "Nghệ An",
    "title": "BÁO CÁO",
    "subject": "Kết quả tháo gỡ vướng mắc, kiến nghị của các xã và thực hiện kế hoạch hành động",
    "as_of": "Số liệu tính đến ngày",
    "for_dept": "Phần việc của",
    "recipients": "Nơi nhận:",
    "recipient_list": ["- UBND tỉnh (để báo cáo);", "- Các Sở, ngành thành viên Tổ công tác;", "- UBND các xã;",
                       "- Lưu: VT, Tổ công tác."],
    "signer_for": "TM. TỔ CÔNG TÁC",
    "signer_title": "TỔ TRƯỞNG",
    "signer_name": "",  # the name under the signature, when data/followup.yaml gives none
    "printed": "In khổ A4; phụ lục in ngang.",
    # The report's parts.
    "results": "I. KẾT QUẢ",
    "by_dept": "1. Tình hình giải quyết theo cơ quan chủ trì",
    "groups": "2. Các nhóm vướng mắc",
    "common": "3. Vướng mắc chung của nhiều xã",
    "common_intro": "Mỗi nhóm dưới đây là một vướng mắc do từ {n} xã trở lên nêu; đề nghị trả lời chung một lần.",
    "common_basis": {"linked": "Đã xác định cùng nội dung", "alike": "Nội dung tương tự (gợi ý)"},
    "common_disputed": "Các xã giao cho cơ quan chủ trì khác nhau: đề nghị thống nhất",
    "common_settle": "cần thống nhất",
    "more_communes": {"one": "và {n} xã khác", "other": "và {n} xã khác"},
    "more_issues": {"one": "và {n} vướng mắc khác", "other": "và {n} vướng mắc khác"},
    "basis": "Căn cứ",
    "score": "Mức giống",
    "communes_list": "Các xã",
    "issue_ids": "Mã vướng mắc",
    "problems": "II. VƯỚNG MẮC QUÁ HẠN VÀ KIẾN NGHỊ CẤP TRÊN",
    # Deadlines as offices judge them: the ranking, the ages of a delay, what waits.
    "ranking": "Xếp hạng theo tỷ lệ hoàn thành đúng hạn",
    "rate_rule": "Tỷ lệ đúng hạn = hoàn thành đúng hạn ÷ (hoàn thành đúng hạn + hoàn thành quá hạn + chưa hoàn "
                 "thành, quá hạn); tốt từ {good} %, trung bình từ {fair} %, dưới đó chậm.",
    "rank": "Hạng",
    "judged": "Số tính tỷ lệ",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "band": "Xếp loại",
    "bands": {"good": "Tốt", "fair": "Trung bình", "slow": "Chậm"},
    "age_first": "Quá hạn đến {high} ngày",
    "age_middle": "Quá hạn từ {low} đến {high} ngày",
    "age_last": "Quá hạn trên {limit} ngày",
    "escalated_apart": "Kiến nghị cấp trên, chưa quá hạn",
    "undated_part": "Chưa được giao thời hạn quá {days} ngày (đề nghị cơ quan chủ trì đề xuất thời hạn)",
    "days_waiting": "Số ngày",
    "pending_part": "Đề nghị gia hạn chờ quyết định",
    "extension_label": "Gia hạn",
    "extension_status": {"pending": "chờ quyết định", "approved": "đã đồng ý", "rejected": "không đồng ý"},
    "extension_asked": "đề nghị ngày",
    "extension_doc": "văn bản",
    "extension_answer": "trả lời",
    # A periodic report (Decree 09/2019): its period, its window, what it compares with.
    "period_title": {"month": "Báo cáo tháng {n} năm {year}", "quarter": "Báo cáo quý {roman} năm {year}",
                     "half1": "Báo cáo 6 tháng đầu năm {year}", "half2": "Báo cáo 6 tháng cuối năm {year}",
                     "nine": "Báo cáo 9 tháng năm {year}", "year": "Báo cáo năm {year}"},
    "period_window": "Số liệu từ ngày {start} đến ngày {end}",
    "period_open": "kỳ chưa kết thúc",
    "period_sent": "Đã gửi: số {number} ngày {date}.",
    "period_changed": "Số liệu đã thay đổi sau khi gửi (đính chính):",
    "compare": "So sánh với kỳ trước ({name}, số liệu đến ngày {end})",
    "compare_sent": "So sánh với kỳ trước ({name}, số liệu đã báo cáo tại văn bản số {number} ngày {date})",
    "compare_note": "Mỗi ô: số liệu kỳ này (chênh lệch so với kỳ trước).",
    "movement": "Diễn biến trong kỳ theo cơ quan chủ trì",
    "moves": {"raised": "Phát sinh mới", "resolved_on_time": "Giải quyết đúng hạn",
              "resolved_late": "Giải quyết quá hạn", "became_overdue": "Trở thành quá hạn",
              "extended": "Được gia hạn"},
    "disputed_part": "Vướng mắc chung mà các xã giao cho cơ quan chủ trì khác nhau",
    "proposals": "IV. KIẾN NGHỊ, ĐỀ XUẤT",
    "proposals_escalated": "Các nội dung kiến nghị cấp trên",
    "next_period": "1. Nhiệm vụ đến hạn trong kỳ tới (đến {end})",
    "explain_part": "Đề nghị giải trình bằng văn bản lý do chậm trễ các nội dung sau:",
    "explain_by": "Hạn gửi giải trình",
    "asked_to": "Đề nghị gia hạn đến",
    "next": "III. NHIỆM VỤ THỜI GIAN TỚI",
    "upcoming": "1. Vướng mắc đến hạn trong {days} ngày tới",
    "until": "đến",
    "plans": "2. Tiến độ kế hoạch hành động của các xã",
    "appendix": "PHỤ LỤC: DANH MỤC VƯỚNG MẮC THEO CƠ QUAN CHỦ TRÌ",
    "nothing": "Không có.",
    "no_category": "Chưa phân nhóm",
    "supporting": "Ngoài ra, phối hợp giải quyết",
    "support_part": "Do cơ quan khác chủ trì, {depts} phối hợp:",
    "communes_n": {"one": "{n} xã", "other": "{n} xã"},
    "issues_n": {"one": "{n} vướng mắc", "other": "{n} vướng mắc"},
    "reminded": {"one": "đã đôn đốc {n} lần", "other": "đã đôn đốc {n} lần"},
    # Column headings.
    "dept": "Cơ quan chủ trì",
    "total": "Tổng số",
    "sum": "Tổng cộng",
    "category": "Nhóm vướng mắc",
    "communes": "Số xã",
    "count": "Số vướng mắc",
    "no": "STT",
    "id": "Mã",
    "commune": "Xã",
    "content": "Nội dung vướng mắc",
    "title_short": "Nội dung",
    "lead": "Chủ trì",
    "support": "Phối hợp",
    "role": "Vai trò",
    "due": "Thời hạn",
    "days_late": "Số ngày quá hạn",
    "state": "Trạng thái",
    "result": "Kết quả, ghi chú",
    "owner": "Người chịu trách nhiệm",
    "milestones_short": "Mốc",
    "plan_items": "Số nhiệm vụ",
    "plan_done": "Đã hoàn thành",
    "milestones": "Mốc lộ trình đã xong",
    "plan_overdue": "Nhiệm vụ quá hạn",
    "summary": "Tổng hợp",
    "page": "Trang",
    # Values.
    "grid": {"done_on_time": "Hoàn thành đúng hạn", "done_late": "Hoàn thành quá hạn",
             "open_in_time": "Chưa hoàn thành, còn trong hạn", "open_undated": "Chưa hoàn thành, chưa có thời hạn",
             "open_overdue": "Chưa hoàn thành, quá hạn", "escalated": "Trong đó: kiến nghị cấp trên",
             "extended": "Trong đó: được gia hạn", "dropped": "Dừng xử lý"},
    "status": {"open": "Chưa xử lý", "in_progress": "Đang xử lý", "escalated": "Kiến nghị cấp trên",
               "resolved": "Đã giải quyết", "dropped": "Dừng xử lý"},
    "plan_status": {"planned": "Chưa thực hiện", "in_progress": "Đang thực hiện", "done": "Đã hoàn thành",
                    "dropped": "Dừng thực hiện"},
    "priority": {"high": "Cao", "normal": "Bình thường", "low": "Thấp"},
    "roles": {"lead": "Chủ trì", "support": "Phối hợp"},
    # The columns of a sheet, by field: what `export` heads them with, what `import` reads.
    "columns": {"id": "Mã", "commune": "Xã", "title": "Nội dung vướng mắc", "description": "Mô tả",
                "category": "Nhóm vướng mắc", "dept": "Cơ quan chủ trì", "support": "Cơ quan phối hợp",
                "status": "Trạng thái", "priority": "Mức ưu tiên", "raised_on": "Ngày nêu", "due": "Thời hạn",
                "owner": "Người chịu trách nhiệm", "source": "Nguồn", "resolution": "Kết quả",
                "resolved_on": "Ngày giải quyết", "note": "Ghi chú"},
    # Every field of a record, as `show` and a history's `changed` line name it.
    "fields": {"id": "Mã", "title": "Nội dung", "description": "Mô tả", "category": "Nhóm vướng mắc",
               "dept": "Cơ quan chủ trì", "support": "Cơ quan phối hợp", "status": "Trạng thái",
               "priority": "Mức ưu tiên", "raised_on": "Ngày nêu", "due": "Thời hạn",
               "owner": "Người chịu trách nhiệm", "source": "Nguồn", "resolution": "Kết quả",
               "resolved_on": "Ngày giải quyết", "note": "Ghi chú", "start": "Ngày bắt đầu",
               "done_on": "Ngày hoàn thành", "same_as": "Cùng vướng mắc với",
               "not_same_as": "Không cùng vướng mắc với", "issues": "Vướng mắc",
               "milestones": "Lộ trình", "files": "Tệp đính kèm", "history": "Lịch sử"},
    "milestone_done": "hoàn thành mốc {n}: {target}",
    "reminder_sent": "Đã đôn đốc (văn bản {letter})",
    "history_doc": "Văn bản: {doc}",
    # The update form a department or commune fills in and sends back (`tracker form`).
    "form": {
        "sheet": "Phiếu cập nhật", "help_sheet": "Hướng dẫn",
        "title": "PHIẾU CẬP NHẬT KẾT QUẢ THỰC HIỆN KẾT LUẬN CỦA TỔ CÔNG TÁC SỐ 2",
        "to": "Đơn vị trả lời: {name}",
        "meta": "Số liệu tính đến ngày {date} · Mã phiếu {key} · Phiên bản mẫu {version}",
        "hint": "Chỉ điền vào các ô nền vàng (từ cột \"Trạng thái mới\"); các cột khác đã khóa. "
                "Cách điền: xem trang \"Hướng dẫn\".",
        "columns": {"id": "Mã", "commune": "Xã", "title": "Nội dung", "due": "Thời hạn", "status": "Trạng thái",
                    "new_status": "Trạng thái mới", "result": "Kết quả", "done_on": "Ngày hoàn thành",
                    "new_due": "Đề nghị thời hạn mới", "reason": "Lý do đề nghị gia hạn",
                    "doc_number": "Số văn bản trả lời", "doc_date": "Ngày văn bản", "note": "Ghi chú"},
        "plan_task": "Kế hoạch hành động: ",
        "help": [
            "HƯỚNG DẪN ĐIỀN PHIẾU CẬP NHẬT",
            "1. Phiếu liệt kê các nội dung chưa hoàn thành mà {name} cần báo cáo kết quả, tính đến ngày {date}.",
            "2. Mỗi dòng là một nội dung. Chỉ điền vào các ô nền vàng; các cột Mã, Xã, Nội dung, Thời hạn, "
            "Trạng thái đã khóa, không sửa, không thêm hay xóa dòng.",
            "3. Trạng thái mới: chọn trong danh sách thả xuống. Nội dung đã xong: chọn \"Đã giải quyết\" (vướng "
            "mắc) hoặc \"Đã hoàn thành\" (nhiệm vụ kế hoạch), ghi Kết quả và Ngày hoàn thành.",
            "4. Ngày ghi dạng dd/mm/yyyy, ví dụ 10/12/2025.",
            "5. Chưa kịp hoàn thành: ghi Đề nghị thời hạn mới và Lý do đề nghị gia hạn; Tổ công tác xem xét, "
            "thời hạn chỉ đổi khi được đồng ý.",
            "6. Ghi Số văn bản trả lời và Ngày văn bản (ví dụ: 45/SNNMT-QLĐĐ, 10/12/2025): văn bản là căn cứ của "
            "kết quả.",
            "7. Dòng không có gì thay đổi thì để trống.",
            "8. Lưu tệp (giữ định dạng .xlsx, không đổi tên trang) và gửi lại cho Tổ công tác qua cơ quan thường "
            "trực (Sở Nông nghiệp và Môi trường), kèm văn bản trả lời.",
        ],
        "status_error": "Chọn một trạng thái trong danh sách thả xuống.",
        "date_prompt": "Ngày, dạng dd/mm/yyyy",
        "date_error": "Ghi một ngày dạng dd/mm/yyyy.",
        "note": "Phiếu cập nhật ngày {date} (mã phiếu {key})",
        "typed_by": "{clerk} nhập",
        "result": "Kết quả: {result}",
        "doc": "Số {number} ngày {date}",
    },
    "intake": {
        "sheet": "Đề xuất vướng mắc", "help_sheet": "Hướng dẫn",
        "title": "PHIẾU ĐỀ XUẤT VƯỚNG MẮC MỚI",
        "to": "Đơn vị đề xuất: {name}",
        "meta": "Lập ngày {date} · Phiếu đề xuất, phiên bản mẫu {version}",
        "hint": "Mỗi dòng một vướng mắc mới; chỉ điền vào các ô nền vàng. Cách điền: xem trang \"Hướng dẫn\".",
        "about": "Phiếu đề xuất vướng mắc mới của {name}",
        "help": [
            "HƯỚNG DẪN ĐIỀN PHIẾU ĐỀ XUẤT VƯỚNG MẮC MỚI",
            "1. Phiếu để {name} đề xuất các vướng mắc mới cần tỉnh giải quyết; mỗi dòng một vướng mắc.",
            "2. Nội dung vướng mắc (bắt buộc): ghi ngắn gọn vướng mắc gì; Mô tả: chi tiết, số liệu, địa điểm.",
            "3. Nhóm vướng mắc và Cơ quan chủ trì (bắt buộc): chọn trong danh sách thả xuống.",
            "4. Cơ quan phối hợp: ghi mã các sở, ngành (xem danh sách cuối trang này), cách nhau bằng dấu chấm "
            "phẩy, ví dụ: TC; XD.",
            "5. Thời hạn (đề xuất) và Ngày nêu: ghi ngày dạng dd/mm/yyyy, ví dụ 10/12/2025; không ghi Ngày nêu thì "
            "lấy ngày Tổ công tác nhập phiếu.",
            "6. Vướng mắc đã đề xuất trước đây (cùng nội dung) thì không cần ghi lại: Tổ công tác nhận ra và không "
            "thêm lần nữa.",
            "7. Không sửa dòng tiêu đề, không đổi tên trang. Lưu tệp (giữ định dạng .xlsx) và gửi lại cho Tổ công "
            "tác qua cơ quan thường trực (Sở Nông nghiệp và Môi trường).",
        ],
        "list_error": "Chọn một giá trị trong danh sách thả xuống.",
        "codes": "Mã các sở, ngành:",
    },
    "extension_step": {"pending": "Đề nghị gia hạn đến {to}", "approved": "Đồng ý gia hạn: {previous} → {to}",
                       "rejected": "Không đồng ý gia hạn đến {to}"},
    # Terminal output.
    "overdue_mark": "quá hạn",
    "overdue_banner": "QUÁ HẠN",
    "history": "Lịch sử:",
    "history_heads": ["Ngày", "Người ghi", "Nội dung"],  # the site's table of a record's history
    "records_count": {"one": "{n} mục", "other": "{n} mục"},
    # What changed since the last meeting.
    # Reminders (đôn đốc).
    "remind_subject": "đôn đốc thực hiện các nội dung kết luận của Tổ công tác số 2",
    "digest_title": "ĐÔN ĐỐC THỰC HIỆN KẾT LUẬN",
    "dear": "Kính gửi:",
    "remind_body": "Thực hiện nhiệm vụ theo dõi, đôn đốc việc thực hiện các nội dung kết luận của Tổ công tác số 2, "
                   "tính đến ngày {date}, {name} còn {overdue} nội dung quá hạn, {soon} nội dung đến hạn trong "
                   "{within} ngày tới và {stale} nội dung chưa được cập nhật quá {stale_days} ngày, như sau:",
    "remind_close": "Đề nghị quý cơ quan khẩn trương chỉ đạo giải quyết dứt điểm, cập nhật kết quả và báo cáo "
                    "Tổ công tác (qua cơ quan thường trực là Sở Nông nghiệp và Môi trường)./.",
    "unit_kinds": {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"},
    "unit_committee": "Ủy ban nhân dân {kind} {name}",  # whom a letter to a commune goes to
    "plan_task": "Nhiệm vụ trong kế hoạch hành động",
    "reason": "Lý do",
    "reasons": {"overdue": "Quá hạn", "due_soon": "Sắp đến hạn", "undated": "Chưa có thời hạn, đề nghị đề xuất",
                "stale": "Chưa cập nhật"},
    "reminders_col": "Số lần đã đôn đốc",
    "last_update": "Cập nhật lần cuối",
    "escalated_part": "Các nội dung được báo cáo cấp trên:",
    "escalated_col": "Lý do báo cáo cấp trên",
    "escalated_reminders": {"one": "Đã đôn đốc {n} lần", "other": "Đã đôn đốc {n} lần"},
    "escalated_days_overdue": {"one": "Quá hạn {n} ngày", "other": "Quá hạn {n} ngày"},
    "escalated_status": "Đã kiến nghị cấp trên",
    "copy_to": "Đồng gửi:",
    "as_above": "Như trên;",
    "remind_file": ["- Lưu: VT, Tổ công tác."],
    "remind_attached": "Kèm theo thư này: văn bản đôn đốc (bản Word) và phiếu cập nhật (bản Excel); đề nghị điền "
                       "phiếu và gửi lại cùng văn bản trả lời:",
    "changes_title": "THAY ĐỔI TỪ LẦN HỌP TRƯỚC",
    "changes_since": "Từ",
    "no_changes": "Không có thay đổi.",
    "plan_changes": "Kế hoạch hành động của các xã",
    "change": {"added": "Thêm mới", "removed": "Xóa", "status": "Trạng thái", "due": "Thời hạn",
               "dept": "Cơ quan chủ trì", "support": "Cơ quan phối hợp", "owner": "Người chịu trách nhiệm",
               "priority": "Mức ưu tiên", "category": "Nhóm vướng mắc", "title": "Nội dung", "resolution": "Kết quả",
               "note": "Ghi chú", "milestone": "Hoàn thành mốc", "id": "Đổi mã"},
    # The static site (`tracker site`): its pages, charts and what they say.
    "site": {"home": "Tổng quan", "overdue": "Quá hạn", "changes": "Thay đổi", "depts": "Cơ quan",
             "communes": "Xã", "built": "Số liệu tính đến ngày {date}", "lead": "chủ trì", "support": "phối hợp",
             "page": "Trang {n}/{of}", "filter": "Lọc (không cần dấu)…", "by_status": "Vướng mắc theo trạng thái, "
             "theo cơ quan chủ trì", "by_age": "Vướng mắc quá hạn theo số ngày quá hạn",
             "over_time": "Vướng mắc chưa hoàn thành và quá hạn theo tháng (theo ngày nêu, thời hạn, ngày giải "
             "quyết của từng vướng mắc)", "open": "Chưa hoàn thành", "late": "Quá hạn", "month": "Tháng",
             "days": "Số ngày quá hạn", "count": "Số vướng mắc", "plan": "Kế hoạch hành động",
             "addressed": "Nhiệm vụ kế hoạch giải quyết vướng mắc này", "roadmap": "Lộ trình",
             "issue": "Vướng mắc", "issues": "Vướng mắc", "as_table": "Số liệu của biểu đồ",
             "no_data": "Chưa có số liệu", "of_commune": "Vướng mắc của xã", "since": "Thay đổi từ {since}",
             "reports": "Báo cáo định kỳ đã gửi", "report_period": "Kỳ báo cáo", "report_number": "Số văn bản",
             "report_date": "Ngày gửi", "late_plans": "Nhiệm vụ kế hoạch hành động quá hạn",
             "unplotted": "{n} vướng mắc chưa hoàn thành không có ngày nêu, không vẽ được",
             "unplotted_late": " (trong đó {n} quá hạn)"},
    # A national roll-up (`tracker rollup clusters|site`).
    "rollup": {"clusters": "Vướng mắc chung của nhiều tỉnh",
               "clusters_intro": "Mỗi nhóm là một vướng mắc do từ {n} tỉnh trở lên nêu; bộ, ngành trả lời chung "
               "một lần.", "no_clusters": "Không có vướng mắc chung của từ {n} tỉnh trở lên.",
               "title": "Nội dung", "provinces": "Các tỉnh", "province": "Tỉnh", "communes": "Số xã",
               "size": "Số vướng mắc", "lead": "Cơ quan chủ trì", "ministry": "Bộ, ngành", "ids": "Mã vướng mắc",
               "none": "(chưa có)", "more_ids": "và {n} vướng mắc khác", "as_of": "Số liệu đến ngày {date}",
               "national": "Tổng hợp toàn quốc", "by_province": "Theo tỉnh", "by_dept": "Theo cơ quan chủ trì",
               "country": "Cả nước", "own_site": "Trang của tỉnh", "province_page": "Tỉnh {code}",
               "provinces_nav": "Các tỉnh", "overdue": "Vướng mắc quá hạn", "no_overdue": "Không có vướng mắc quá hạn.",
               "members": "Các kho thành viên", "member": "Thành viên", "commit": "Commit",
               "records": "Số bản ghi", "state": "Tình trạng", "included": "đã tổng hợp",
               "stale": "số liệu cũ, commit {commit}: lần lấy về cuối không được",
               "left_out": "Tỉnh này chưa có trong số liệu tổng hợp: {why}", "of_province": "Số liệu của tỉnh {code}",
               "in_groups": "Vướng mắc chung với tỉnh khác", "due": "Thời hạn", "days": "Số ngày quá hạn",
               "commune": "Xã", "report_title": "BÁO CÁO TỔNG HỢP TOÀN QUỐC",
               "report_intro": "Số liệu đến ngày {date}; {n} tỉnh, thành phố.", "results_by_province":
               "Kết quả theo tỉnh", "results_by_dept": "Kết quả theo cơ quan chủ trì", "overdue_by_province":
               "Vướng mắc quá hạn theo tỉnh", "overdue_count": "Quá hạn: {n}", "days_unit": "ngày"},
}  # fmt: skip

EN: dict[str, Any] = {
    "committee": "PEOPLE'S COMMITTEE OF NGHỆ AN PROVINCE",
    "group": "WORKING GROUP No. 2",
    "group_name": "Working Group No. 2",
    "number": "No.:",
    "report_number": "…/BC-TCT2",
    "standing": "Standing agency: Department of Agriculture and Environment",
    "motto_1": "SOCIALIST REPUBLIC OF VIETNAM",
    "motto_2": "Independence - Freedom - Happiness",
    "place": "Nghệ An",
    "title": "REPORT",
    "subject": "Progress on the communes' obstacles and recommendations, and on their action plans",
    "as_of": "Figures as of",
    "for_dept": "Part of",
    "recipients": "To:",
    "recipient_list": ["- The Provincial People's Committee (for report);", "- The member departments;",
                       "- The communes' People's Committees;", "- Filed: the Working Group."],
    "signer_for": "FOR THE WORKING GROUP",
    "signer_title": "HEAD OF THE GROUP",
    "signer_name": "",
    "printed": "Print on A4; the appendix prints landscape.",
    "results": "I. RESULTS",
    "by_dept": "1. Progress by lead department",
    "groups": "2. Obstacle groups",
    "common": "3. Obstacles common to several communes",
    "common_intro": "Each group below is one obstacle raised by {n} or more communes: it can be answered once.",
    "common_basis": {"linked": "Confirmed as one obstacle", "alike": "Alike (suggested)"},
    "common_disputed": "Communes assigned it to different lead departments: to be settled",
    "common_settle": "to be settled",
    "more_communes": {"one": "and {n} more commune", "other": "and {n} more communes"},
    "more_issues": {"one": "and {n} more issue", "other": "and {n} more issues"},
    "basis": "Basis",
    "score": "Score",
    "communes_list": "Communes",
    "issue_ids": "Issue IDs",
    "problems": "II. OVERDUE AND ESCALATED ITEMS",
    "ranking": "Ranking by the share of work done on time",
    "rate_rule": "On-time rate = done on time ÷ (done on time + done late + not done and overdue); good from "
                 "{good}%, fair from {fair}%, slow below.",
    "rank": "Rank",
    "judged": "Counted",
    "on_time_rate": "On-time rate",
    "band": "Band",
    "bands": {"good": "good", "fair": "fair", "slow": "slow"},
    "age_first": "Overdue up to {high} days",
    "age_middle": "Overdue {low} to {high} days",
    "age_last": "Overdue more than {limit} days",
    "escalated_apart": "Escalated, not overdue",
    "undated_part": "No deadline given for more than {days} days (the lead department is asked to propose one)",
    "days_waiting": "Days",
    "pending_part": "Requests for a new deadline awaiting a decision",
    "extension_label": "Extension",
    "extension_status": {"pending": "awaiting a decision", "approved": "approved", "rejected": "rejected"},
    "extension_asked": "asked on",
    "extension_doc": "document",
    "extension_answer": "answer",
    "period_title": {"month": "Report for {month_name} {year}", "quarter": "Report for Q{n} {year}",
                     "half1": "Report for the first half of {year}", "half2": "Report for the second half of {year}",
                     "nine": "Report for the first nine months of {year}", "year": "Report for {year}"},
    "period_window": "Figures from {start} to {end}",
    "period_open": "the period is not over",
    "period_sent": "Sent: No. {number} of {date}.",
    "period_changed": "Figures changed since it was sent (a correction):",
    "compare": "Compared with the previous period ({name}, figures as of {end})",
    "compare_sent": "Compared with the previous period ({name}, figures as reported in No. {number} of {date})",
    "compare_note": "Each cell: this period's figure (the change since the previous one).",
    "movement": "What moved in the period, by lead department",
    "moves": {"raised": "Raised", "resolved_on_time": "Resolved on time", "resolved_late": "Resolved late",
              "became_overdue": "Became overdue", "extended": "Extended"},
    "disputed_part": "Common obstacles whose communes gave different lead departments",
    "proposals": "IV. RECOMMENDATIONS",
    "proposals_escalated": "Items escalated to the province",
    "next_period": "1. Due in the next period (until {end})",
    "explain_part": "Please explain in writing why the following are late:",
    "explain_by": "Explanation due",
    "asked_to": "New deadline asked for",
    "next": "III. NEXT STEPS",
    "upcoming": "1. Issues falling due in the next {days} days",
    "until": "until",
    "plans": "2. Progress of the communes' action plans",
    "appendix": "APPENDIX: ISSUES BY LEAD DEPARTMENT",
    "nothing": "None.",
    "no_category": "No group",
    "supporting": "Also in a supporting role for",
    "support_part": "Led by another department, supported by {depts}:",
    "communes_n": {"one": "{n} commune", "other": "{n} communes"},
    "issues_n": {"one": "{n} issue", "other": "{n} issues"},
    "reminded": {"one": "reminded once", "other": "reminded {n} times"},
    "dept": "Lead department",
    "total": "Total",
    "sum": "All departments",
    "category": "Obstacle group",
    "communes": "Communes",
    "count": "Issues",
    "no": "No.",
    "id": "ID",
    "commune": "Commune",
    "content": "Obstacle",
    "title_short": "Title",
    "lead": "Lead",
    "support": "Supporting",
    "role": "Role",
    "due": "Due",
    "days_late": "Days overdue",
    "state": "Status",
    "result": "Result, notes",
    "owner": "Owner",
    "milestones_short": "Milestones",
    "plan_items": "Items",
    "plan_done": "Done",
    "milestones": "Milestones done",
    "plan_overdue": "Overdue items",
    "summary": "Summary",
    "page": "Page",
    "grid": {"done_on_time": "Done on time", "done_late": "Done late", "open_in_time": "Not done, within deadline",
             "open_undated": "Not done, no deadline", "open_overdue": "Not done, overdue",
             "escalated": "Of which escalated", "extended": "Of which extended", "dropped": "Dropped"},
    "status": {"open": "open", "in_progress": "in progress", "escalated": "escalated", "resolved": "resolved",
               "dropped": "dropped"},
    "plan_status": {"planned": "planned", "in_progress": "in progress", "done": "done", "dropped": "dropped"},
    "priority": {"high": "high", "normal": "normal", "low": "low"},
    "roles": {"lead": "lead", "support": "supporting"},
    "columns": {"id": "ID", "commune": "Commune", "title": "Obstacle", "description": "Description",
                "category": "Obstacle group", "dept": "Lead department", "support": "Supporting departments",
                "status": "Status", "priority": "Priority", "raised_on": "Raised on", "due": "Due", "owner": "Owner",
                "source": "Source", "resolution": "Result", "resolved_on": "Resolved on", "note": "Note"},
    # In English, records name their fields as the files do.
    "fields": {k: k for k in ("id", "title", "description", "category", "dept", "support", "status", "priority",
                              "raised_on", "due", "owner", "source", "resolution", "resolved_on", "note", "start",
                              "done_on", "same_as", "not_same_as", "issues", "milestones", "files", "history")},
    "milestone_done": "milestone {n} done: {target}",
    "reminder_sent": "Reminded (letter {letter})",
    "history_doc": "document: {doc}",
    "form": {
        "sheet": "Update form", "help_sheet": "How to fill",
        "title": "UPDATE FORM: CARRYING OUT THE CONCLUSIONS OF WORKING GROUP NO. 2",
        "to": "Answering unit: {name}",
        "meta": "Figures as of {date} · Form key {key} · Form version {version}",
        "hint": "Fill in only the yellow cells (from \"New status\" on); the other columns are locked. "
                "How to fill it: see the sheet \"How to fill\".",
        "columns": {"id": "ID", "commune": "Commune", "title": "Item", "due": "Deadline", "status": "Status",
                    "new_status": "New status", "result": "Result", "done_on": "Date done",
                    "new_due": "New deadline asked", "reason": "Reason for the new deadline",
                    "doc_number": "Reply document no.", "doc_date": "Document date", "note": "Note"},
        "plan_task": "Action plan: ",
        "help": [
            "HOW TO FILL IN THE UPDATE FORM",
            "1. The form lists the items not done that {name} is to report on, as of {date}.",
            "2. One row an item. Fill in only the yellow cells; ID, commune, item, deadline and status are "
            "locked: do not change them, nor add or delete rows.",
            "3. New status: pick one from the drop-down list. An item done: pick \"resolved\" (an issue) or "
            "\"done\" (a plan item), with its result and the date done.",
            "4. Dates as dd/mm/yyyy, e.g. 10/12/2025.",
            "5. Not finished in time: give the new deadline asked for and its reason; the group decides, and the "
            "deadline changes only when approved.",
            "6. Give the number and date of the reply document (e.g. 45/SNNMT-QLĐĐ, 10/12/2025): it proves the "
            "result.",
            "7. Leave a row with nothing new empty.",
            "8. Save the file (as .xlsx, sheets not renamed) and send it back to the working group's standing "
            "agency with the reply document.",
        ],
        "status_error": "Pick a status from the drop-down list.",
        "date_prompt": "A date, dd/mm/yyyy",
        "date_error": "Type a date as dd/mm/yyyy.",
        "note": "Update form of {date} (form key {key})",
        "typed_by": "typed in by {clerk}",
        "result": "Result: {result}",
        "doc": "No. {number} of {date}",
    },
    "intake": {
        "sheet": "New obstacles", "help_sheet": "How to fill",
        "title": "INTAKE FORM: NEW OBSTACLES",
        "to": "Raised by: {name}",
        "meta": "Made on {date} · Intake form version {version}",
        "hint": "One new obstacle a row; fill in only the yellow cells. How to fill it: see the sheet \"How to "
                "fill\".",
        "about": "Intake form of new obstacles for {name}",
        "help": [
            "HOW TO FILL IN THE INTAKE FORM",
            "1. The form is for {name} to raise new obstacles the province should settle; one obstacle a row.",
            "2. Obstacle (required): what it is, briefly; Description: the details, figures, places.",
            "3. Obstacle group and Lead department (required): pick them from the drop-down lists.",
            "4. Supporting departments: their codes (listed at the foot of this sheet), separated by semicolons, "
            "e.g. TC; XD.",
            "5. Due (proposed) and Raised on: dates as dd/mm/yyyy, e.g. 10/12/2025; without a date raised, the day "
            "the group imports the form counts.",
            "6. An obstacle raised before (the same words) need not be written again: it is recognised and not "
            "added twice.",
            "7. Do not change the heading row nor rename the sheets. Save the file (as .xlsx) and send it back to "
            "the working group's standing agency.",
        ],
        "list_error": "Pick a value from the drop-down list.",
        "codes": "Department codes:",
    },
    "extension_step": {"pending": "New deadline {to} asked for", "approved": "New deadline approved: {previous} → {to}",
                       "rejected": "New deadline {to} rejected"},
    "overdue_mark": "overdue",
    "overdue_banner": "OVERDUE",
    "history": "History:",
    "history_heads": ["Date", "By", "What"],
    "records_count": {"one": "{n} record", "other": "{n} records"},
    "remind_subject": "following up the conclusions of Working Group No. 2",
    "digest_title": "FOLLOWING UP THE CONCLUSIONS",
    "dear": "To:",
    "remind_body": "In following up the conclusions of Working Group No. 2: as of {date}, {name} has these "
                   "items outstanding (overdue: {overdue}; falling due within {within} days: {soon}; not updated "
                   "for over {stale_days} days: {stale}), as below:",
    "remind_close": "Please see that they are settled, update their results and report to the Working Group "
                    "(through its standing agency, the Department of Agriculture and Environment).",
    "unit_kinds": {"xa": "commune", "phuong": "ward", "dac_khu": "special zone"},
    "unit_committee": "People's Committee of {name} {kind}",
    "plan_task": "Action-plan task",
    "reason": "Reason",
    "reasons": {"overdue": "Overdue", "due_soon": "Due soon", "undated": "No deadline: propose one",
                "stale": "Not updated"},
    "reminders_col": "Reminders sent",
    "last_update": "Last update",
    "escalated_part": "Reported up:",
    "escalated_col": "Why reported up",
    "escalated_reminders": {"one": "Reminded once", "other": "Reminded {n} times"},
    "escalated_days_overdue": {"one": "{n} day overdue", "other": "{n} days overdue"},
    "escalated_status": "Escalated by its status",
    "copy_to": "Copy to:",
    "as_above": "As above;",
    "remind_file": ["- Filed: the Working Group."],
    "remind_attached": "Attached: the reminder letter (Word) and the update form (Excel); please fill in the form "
                       "and send it back with your reply document:",
    "changes_title": "CHANGES SINCE THE LAST MEETING",
    "changes_since": "Since",
    "no_changes": "No changes.",
    "plan_changes": "The communes' action plans",
    "change": {"added": "added", "removed": "removed", "status": "status", "due": "due", "dept": "lead department",
               "support": "supporting", "owner": "owner", "priority": "priority", "category": "group",
               "title": "title", "resolution": "resolution", "note": "note", "milestone": "milestone done",
               "id": "renumbered"},
    "site": {"home": "Overview", "overdue": "Overdue", "changes": "Changes", "depts": "Departments",
             "communes": "Communes", "built": "Figures as of {date}", "lead": "lead", "support": "support",
             "page": "Page {n} of {of}", "filter": "Filter (diacritics optional)…",
             "by_status": "Issues by status, by lead department", "by_age": "Overdue issues by days overdue",
             "over_time": "Issues not done and overdue by month (from each issue's raised, due and resolved "
             "dates)", "open": "Not done", "late": "Overdue", "month": "Month", "days": "Days overdue",
             "count": "Issues", "plan": "Action plan", "addressed": "Plan items that address this issue",
             "roadmap": "Roadmap", "issue": "Issue", "issues": "Issues", "as_table": "The chart's figures",
             "no_data": "No data yet", "of_commune": "The commune's issues", "since": "Changes since {since}",
             "reports": "Periodic reports sent", "report_period": "Period", "report_number": "Number",
             "report_date": "Date sent", "late_plans": "Overdue action-plan items",
             "unplotted": "{n} issues not done have no date raised and cannot be drawn",
             "unplotted_late": " ({n} of them overdue)"},
    "rollup": {"clusters": "Obstacles common to several provinces",
               "clusters_intro": "Each group is one obstacle raised in {n} provinces or more; the ministry answers "
               "it once.", "no_clusters": "No obstacle is common to {n} provinces or more.",
               "title": "Obstacle", "provinces": "Provinces", "province": "Province", "communes": "Communes",
               "size": "Issues", "lead": "Lead departments", "ministry": "Ministry", "ids": "IDs",
               "none": "(none)", "more_ids": "and {n} more", "as_of": "Figures as of {date}",
               "national": "National roll-up", "by_province": "By province", "by_dept": "By lead department",
               "country": "The country", "own_site": "The province's own site", "province_page": "Province {code}",
               "provinces_nav": "Provinces", "overdue": "Overdue issues", "no_overdue": "No overdue issue.",
               "members": "Members", "member": "Member", "commit": "Commit", "records": "Records", "state": "State",
               "included": "included", "stale": "old figures, commit {commit}: its last fetch failed",
               "left_out": "This province is not in the roll-up's figures: {why}",
               "of_province": "Figures of province {code}", "in_groups": "Obstacles shared with other provinces",
               "due": "Due", "days": "Days overdue", "commune": "Commune", "report_title": "NATIONAL ROLL-UP",
               "report_intro": "Figures as of {date}; {n} provinces.", "results_by_province": "Results by province",
               "results_by_dept": "Results by lead department", "overdue_by_province": "Overdue issues by province",
               "overdue_count": "Overdue: {n}", "days_unit": "days"},
}  # fmt: skip

BASE = {"vi": VI, "en": EN}


class FormWords(TypedDict):
    """The update form's words (`form`)."""

    sheet: str
    help_sheet: str
    title: str
    to: str
    meta: str
    hint: str
    columns: dict[str, str]
    plan_task: str
    help: list[str]
    status_error: str
    date_prompt: str
    date_error: str
    note: str
    typed_by: str
    result: str
    doc: str


class IntakeWords(TypedDict):
    """The intake sheet's words (`intake`)."""

    sheet: str
    help_sheet: str
    title: str
    to: str
    meta: str
    hint: str
    about: str
    help: list[str]
    list_error: str
    codes: str


class Labels:
    """The labels of one language, as typed attributes (`L.grid`), so that mypy finds a
    misspelt label, or as items (`L["grid"]`, for the templates). One attribute a key of
    VI and EN, of its kind (tests/test_wording.py holds the three to each other)."""

    lang: str
    committee: str
    group: str
    group_name: str
    number: str
    report_number: str
    standing: str
    motto_1: str
    motto_2: str
    place: str
    title: str
    subject: str
    as_of: str
    for_dept: str
    recipients: str
    recipient_list: list[str]
    signer_for: str
    signer_title: str
    signer_name: str
    printed: str
    results: str
    by_dept: str
    groups: str
    common: str
    common_intro: str
    common_basis: dict[str, str]
    common_disputed: str
    common_settle: str
    more_communes: dict[str, str]
    more_issues: dict[str, str]
    basis: str
    score: str
    communes_list: str
    issue_ids: str
    problems: str
    ranking: str
    rate_rule: str
    rank: str
    judged: str
    on_time_rate: str
    band: str
    bands: dict[str, str]
    age_first: str
    age_middle: str
    age_last: str
    escalated_apart: str
    undated_part: str
    days_waiting: str
    pending_part: str
    extension_label: str
    extension_status: dict[str, str]
    extension_asked: str
    extension_doc: str
    extension_answer: str
    period_title: dict[str, str]
    period_window: str
    period_open: str
    period_sent: str
    period_changed: str
    compare: str
    compare_sent: str
    compare_note: str
    movement: str
    moves: dict[str, str]
    disputed_part: str
    proposals: str
    proposals_escalated: str
    next_period: str
    explain_part: str
    explain_by: str
    asked_to: str
    next: str
    upcoming: str
    until: str
    plans: str
    appendix: str
    nothing: str
    no_category: str
    supporting: str
    support_part: str
    communes_n: dict[str, str]
    issues_n: dict[str, str]
    reminded: dict[str, str]
    dept: str
    total: str
    sum: str
    category: str
    communes: str
    count: str
    no: str
    id: str
    commune: str
    content: str
    title_short: str
    lead: str
    support: str
    role: str
    due: str
    days_late: str
    state: str
    result: str
    owner: str
    milestones_short: str
    plan_items: str
    plan_done: str
    milestones: str
    plan_overdue: str
    summary: str
    page: str
    grid: dict[str, str]
    status: dict[str, str]
    plan_status: dict[str, str]
    priority: dict[str, str]
    roles: dict[str, str]
    columns: dict[str, str]
    fields: dict[str, str]
    milestone_done: str
    reminder_sent: str
    history_doc: str
    form: FormWords
    intake: IntakeWords
    extension_step: dict[str, str]
    overdue_mark: str
    overdue_banner: str
    history: str
    history_heads: list[str]
    records_count: dict[str, str]
    remind_subject: str
    digest_title: str
    dear: str
    remind_body: str
    remind_close: str
    unit_kinds: dict[str, str]
    unit_committee: str
    plan_task: str
    reason: str
    reasons: dict[str, str]
    reminders_col: str
    last_update: str
    escalated_part: str
    escalated_col: str
    escalated_reminders: dict[str, str]
    escalated_days_overdue: dict[str, str]
    escalated_status: str
    copy_to: str
    as_above: str
    remind_file: list[str]
    remind_attached: str
    changes_title: str
    changes_since: str
    no_changes: str
    plan_changes: str
    change: dict[str, str]
    site: dict[str, str]
    rollup: dict[str, str]

    def __init__(self, lang: str, values: dict[str, Any]) -> None:
        self.lang = lang
        self._values = values
        vars(self).update(values)

    def __getitem__(self, name: str) -> Any:
        return self._values[name]

    def status_word(self, value: str, plan: bool = False) -> str:
        """How a stored status reads ("in_progress" → "Đang xử lý")."""
        return (self.plan_status if plan else self.status).get(value, value)

    def result_cell(self, rec: Any) -> str:
        """An issue's result as every table shows it (report, Word, site), with the
        document that proves it, worded as `show` words it: "Đã cấp 35 GCNQSD (Văn
        bản: Số 45/SNNMT-QLĐĐ ngày 10/12/2025)". `rec`: an Issue or an IssueRow."""
        return self.result_text(rec.resolution, rec.document)

    def result_text(self, resolution: str | None, document: str | None) -> str:
        """`result_cell` of an issue's resolution and document."""
        said = fill(self._values["history_doc"], doc=document) if document else ""
        if not resolution:
            return said
        return f"{resolution} ({said})" if said else str(resolution)

    def numbered(self, key: str, n: int) -> str:
        """A label with a number, in the singular or plural the language wants."""
        forms: dict[str, str] = self._values[key]
        return fill(forms["one" if n == 1 else "other"], n=n)

    def common_row(self, group: Any) -> list[str]:
        """A common obstacle's cells after its number, as every format shows them:
        title, communes, lead departments (marked when they differ), IDs, basis. Of
        many communes or IDs, the first COMMON_SHOWN and how many more."""

        def listed(names: list[str], total: int, key: str) -> str:
            more = " " + self.numbered(key, total - len(names)) if total > len(names) else ""
            return ", ".join(names) + more

        lead = ", ".join(group.depts) + (f" ({self.common_settle})" if group.disputed else "")
        basis = self.common_basis["linked" if group.linked else "alike"]
        communes = listed([c.name for c in group.communes], group.commune_count, "more_communes")
        return [group.title, communes, lead, listed(group.ids, group.size, "more_issues"), basis]

    def count_cell(self, n: int | None) -> str:
        """A count in a table's cell (reminders so far): the number, 0 included. One
        rule for every table of every format."""
        return str(n or 0)

    def escalation(self, item: Any) -> str:
        """Why an item of a reminder is reported up, and to whom: the rung of the
        ladder it reached by its reminders or its days overdue, or its status."""
        if item.because == "status":
            return self.escalated_status
        n = item.reminders if item.because == "reminders" else item.days_overdue
        text = self.numbered(f"escalated_{item.because}", n)
        return f"{text}; {item.reported_to}" if item.reported_to else text

    def unit(self, contact: Any) -> str:
        """Whom a letter names: a commune's People's Committee, by its kind of unit
        ("Ủy ban nhân dân xã Thiên Nhẫn", "… phường …", "… đặc khu …"); anyone else
        by their name."""
        kind = getattr(contact, "kind", None)
        if not kind:
            return str(contact.name)
        return fill(self.unit_committee, kind=self.unit_kinds.get(kind, kind), name=contact.name)

    def common_heads(self) -> list[str]:
        return [self.no, self.content, self.communes_list, self.lead, self.issue_ids, self.basis]


@functools.cache
def codes_by_word(key: str) -> dict[str, str]:
    """The stored codes of the vocabulary `key` ("status", "plan_status", "priority") by
    the words that may name them, folded (text.fold): the code itself ("in_progress")
    and tracker's words for it in either language ("Đang xử lý", "in progress"). The
    one table by which a command's option, a sheet, a returned form and a file's
    error read a status or a priority typed in words."""
    table = {fold(code): code for code in VI[key]}
    for words in BASE.values():
        table |= {fold(word): code for code, word in words[key].items()}
    return table


def fill(text: str, **values: object) -> str:
    """`{name}` in a label replaced by its value; nothing else is interpreted, so a
    label from a data repository cannot reach into the values it is given."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m[1], m[0])), text)


def date_label(value: object, lang: str) -> str:
    """dd/mm/yyyy in Vietnamese tables, ISO in English; empty for no date (dates.shown)."""
    return shown(value, lang)


def labels(lang: str, override_dirs: list[Path] | None = None) -> Labels:
    """The labels of `lang`, with a data repository's `lang/<lang>.j2` applied."""
    values = dict(BASE["en" if lang == "en" else "vi"])
    for folder in reversed(override_dirs or []):
        path = folder / "lang" / f"{lang}.j2"
        if path.is_file():
            _apply(values, _read_override(path), path)
    return Labels(lang, values)


def _apply(values: dict[str, Any], changes: dict[str, Any], path: Path) -> None:
    for key, value in changes.items():
        if key not in values:
            raise TrackerError(tr(f"{path}: không có nhãn '{key}'", f"{path}: there is no label '{key}'"))
        values[key] = _shaped(values[key], value, path, key)


# A label is printed into Word, Excel, HTML and e-mail: no control character but a
# line break or a tab (XML cannot hold them), no noncharacter, no direction override.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]")


def _shaped(base: Any, value: Any, path: Path, key: str) -> Any:
    """`value` for the label `key`, of the shape of tracker's own `base`: text for text,
    a list as long for a list, known entries for a table; else a TrackerError naming it."""
    if isinstance(base, dict) and isinstance(value, dict):
        unknown = set(value) - set(base)
        if unknown:
            raise TrackerError(tr(f"{path}: {key}: không có {sorted(map(str, unknown))}",
                                  f"{path}: {key}: no such entries {sorted(map(str, unknown))}"))  # fmt: skip
        return {**base, **{k: _shaped(base[k], v, path, f"{key}.{k}") for k, v in value.items()}}
    if isinstance(base, list) and isinstance(value, list | tuple) and len(value) == len(base):
        return [_shaped(b, v, path, f"{key}[{n}]") for n, (b, v) in enumerate(zip(base, value, strict=True))]
    if isinstance(base, str) and isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value)
        bad = _UNPRINTABLE.search(text)
        if bad:
            code = f"U+{ord(bad[0]):04X}"
            raise TrackerError(tr(f"{path}: nhãn '{key}' có ký tự điều khiển {code}",
                                  f"{path}: label '{key}' holds the control character {code}"))  # fmt: skip
        return text
    if type(value) is type(base) and not isinstance(base, dict | list | str):
        return value
    if isinstance(base, dict):
        kind = tr("bảng", "table")
    elif isinstance(base, list):
        kind = tr(f"danh sách {len(base)} mục", f"list of {len(base)}")
    else:
        kind = tr("văn bản", "text") if isinstance(base, str) else type(base).__name__
    raise TrackerError(tr(f"{path}: nhãn '{key}' phải là {kind}", f"{path}: label '{key}' must be a {kind}"))


def _read_override(path: Path) -> dict[str, Any]:
    """The `{% set %}` values of a wording file, rendered in Jinja's sandbox."""
    import jinja2

    from tracker import confined

    # No file read through a link leading out of the templates folder (SECURITY.md);
    # bounded in time, in the size of what it makes, in recursion (confined.sandbox).
    env = confined.sandbox(loader=loader([str(path.parent.parent)]), undefined=jinja2.StrictUndefined)
    try:
        with confined.Deadline(confined.WORDING_SECONDS):
            module = env.get_template(f"lang/{path.name}").module
    except (jinja2.TemplateError, ValueError, TypeError, *confined.TEMPLATE_FAULTS) as exc:
        why = str(exc) or type(exc).__name__
        raise TrackerError(tr(f"lỗi mẫu {path}: {why}", f"template error {path}: {why}")) from None
    return {k: v for k, v in vars(module).items() if not k.startswith("_")}
