# ruff: noqa: E501 - a catalogue of sentences reads best a sentence a line
"""The command line in Vietnamese: every command's help and every option's, and the
words of Typer's own help and errors. The English is where each command is defined;
its Vietnamese is here, keyed by the command's name and the option's English help
(a test checks none is missing)."""

import re
from typing import Any

from tracker.i18n import meant

COMMANDS = {
    "": "Theo dõi vướng mắc của các xã và kế hoạch hành động, lưu thành tệp YAML trong git.\n\n"
    "Ví dụ: tracker list --dept NNMT --overdue",
    "add-issue": "Thêm một vướng mắc do xã nêu; mã mới in ở dòng cuối.\n\n\b\n"
    'Ví dụ: tracker add-issue --commune "van an" --dept NNMT --title "Chậm cấp GCNQSD đất" --support TC',
    "list": "Liệt kê vướng mắc, theo tên xã (thứ tự tiếng Việt) rồi theo mã.\n\n\b\n"
    "Ví dụ: tracker list --dept NNMT --overdue --as-of 2025-12-31\n"
    "Ví dụ: tracker list --extension pending",
    "show": "Xem đầy đủ một vướng mắc hoặc một nhiệm vụ kế hoạch, cùng lịch sử.\n\n\b\nVí dụ: tracker show VA-2",
    "update": "Sửa một vướng mắc; mọi thay đổi được ghi vào lịch sử của nó.\n\n\b\n"
    'Ví dụ: tracker update VA-2 --status "Đang xử lý" --note "Sở đã có văn bản hướng dẫn"\n'
    'Ví dụ: tracker update VA-2 --title "Chậm cấp GCNQSD đất ở" --raised-on 20/09/2025',
    "close": "Đánh dấu một vướng mắc đã giải quyết: kết quả và ngày.\n\n\b\n"
    'Ví dụ: tracker close VA-2 --resolution "Đã cấp 35 GCNQSD" --on 2025-12-20\n'
    'Ví dụ: tracker close VA-2 --resolution "Đã cấp 35 GCNQSD" --doc "Số 45/SNNMT-QLĐĐ ngày 10/12/2025"',
    "extend": "Đề nghị gia hạn (một thời hạn mới), hoặc quyết định đề nghị đang chờ; thời hạn đang áp dụng chỉ đổi "
    "khi được đồng ý, thời hạn ban đầu luôn được giữ.\n\n\b\n"
    'Ví dụ: tracker extend VA-1 --to 31/01/2026 --reason "Chờ hướng dẫn của Bộ" --doc "Số 45/SNNMT ngày 10/12/2025"\n'
    "Ví dụ: tracker extend VA-1 --approve --on 15/12/2025",
    "attach": "Lưu bản quét văn bản trả lời cùng dữ liệu: chép vào data/files/, đặt tên theo mã, ghi SHA-256 vào mục "
    "(validate kiểm tra, trang web dẫn tới).\n\n\b\n"
    'Ví dụ: tracker attach VA-2 "Cong van 45-SNNMT.pdf"',
    "renumber": "Đổi mã một mục (khi sau khi gộp nhánh có hai VA-4); các nhiệm vụ kế hoạch đổi theo.\n\n\b\n"
    "Ví dụ: tracker renumber VA-4",
    "similar": "Các vướng mắc của mọi xã giống nhất với một vướng mắc, hoặc với một đoạn văn: cùng một "
    "vướng mắc viết khác đi. Mức giống từ 0 đến 1.\n\n\b\nVí dụ: tracker similar VA-3\n"
    'Ví dụ: tracker similar --text "thiếu công chức địa chính" --format json',
    "clusters": "Các nhóm vướng mắc là một vướng mắc chung của nhiều xã, nhóm lớn trước: do tìm thấy "
    "giống nhau, hoặc đã liên kết bằng `tracker link`. Nhóm mà các xã giao cho cơ quan chủ trì khác nhau "
    "được đánh dấu: việc Tổ thư ký cần thống nhất.\n\n\b\nVí dụ: tracker clusters --dept NNMT --min-communes 3",
    "link": "Ghi hai vướng mắc là cùng một vướng mắc (same_as, ghi ở cả hai), để báo cáo liệt kê một lần, "
    "là vướng mắc chung; với --not-same: ghi chúng không cùng một vướng mắc dù giống nhau (not_same_as), "
    "không nhóm nào gộp chúng.\n\n\b\nVí dụ: tracker link VA-3 TN-3\nVí dụ: tracker link VA-2 VA-3 --not-same",
    "unlink": "Bỏ liên kết giữa hai vướng mắc (ở cả hai); với --not-same: bỏ ghi không cùng vướng mắc.\n\n\b\n"
    "Ví dụ: tracker unlink VA-3 TN-3\nVí dụ: tracker unlink VA-2 VA-3 --not-same",
    "report": "Báo cáo trước cuộc họp: kết quả theo cơ quan chủ trì, các nhóm vướng mắc, vướng mắc chung "
    "của nhiều xã, vướng mắc quá hạn và kiến nghị cấp trên, nhiệm vụ thời gian tới, phụ lục theo cơ quan.\n\n\b\n"
    "Ví dụ: tracker report --dept NNMT --format html --output bao-cao-nnmt.html\n"
    "Ví dụ: tracker report --period 2025-12 --format docx --output bc-12.docx --submit --number 15/BC-TCT2",
    "site": "Trang web tĩnh cho người không dùng git: tổng quan có biểu đồ, mỗi cơ quan, xã, vướng mắc và "
    "nhiệm vụ kế hoạch một trang, các mục quá hạn; chỉ ghi lại những trang đã thay đổi.\n\n\b\n"
    "Ví dụ: tracker site --output site/",
    "stats": "Bảng kết quả theo cơ quan chủ trì: hoàn thành đúng hạn hay quá hạn, chưa hoàn thành còn trong "
    "hạn, chưa có thời hạn hay quá hạn; tỷ lệ đúng hạn và xếp hạng.\n\n\b\n"
    "Ví dụ: tracker stats --format json --as-of 2025-12-31\nVí dụ: tracker stats --by commune",
    "changes": "Những gì thay đổi từ cuộc họp trước, theo lịch sử git: mục thêm hoặc xóa, đổi trạng thái, "
    "thời hạn, cơ quan chủ trì, người chịu trách nhiệm, ghi chú.\n\n\b\n"
    "Ví dụ: tracker changes --since hop-thang-10 --format json",
    "remind": "Văn bản đôn đốc: gửi mỗi cơ quan chủ trì các vướng mắc quá hạn, sắp đến hạn và chưa cập nhật, "
    "gửi mỗi xã các nhiệm vụ kế hoạch; nội dung đã đôn đốc nhiều lần được báo cáo cấp trên theo "
    "data/followup.yaml. Ghi thành tệp, gửi thư điện tử, ghi vào lịch sử.\n\n\b\n"
    "Ví dụ: tracker remind --format docx --output dondoc/ --record",
    "export": "Xuất vướng mắc ra bảng tính: CSV (UTF-8 có BOM), Excel (mỗi cơ quan chủ trì một trang và một "
    "trang tổng hợp) hoặc JSON; các cột nhập lại được.\n\n\b\n"
    "Ví dụ: tracker export --format xlsx --output vuong-mac.xlsx --dept NNMT",
    "import": "Nhập vướng mắc từ bảng tính: dòng không có mã được thêm mới, dòng có mã cập nhật vướng mắc đó "
    "(có ghi lịch sử); nhập lại cùng bảng không thay đổi gì. Phiếu cập nhật (`tracker form`) đã điền được "
    "nhận ra và đọc như câu trả lời của đơn vị nhận phiếu; phiếu đề xuất của xã (`tracker form --intake`) "
    "được đọc thành các vướng mắc mới của xã đó.\n\n\b\n"
    'Ví dụ: tracker import danh-sach-van-an.xlsx --commune "Vạn An" --dry-run\n'
    "Ví dụ: tracker import phieu-nnmt.xlsx --dry-run",
    "form": "Phiếu cập nhật của một cơ quan hoặc một xã: các nội dung chưa hoàn thành do đơn vị đó chủ trì, có "
    "danh sách thả xuống chọn trạng thái mới, các ô ghi kết quả, văn bản trả lời và đề nghị gia hạn; "
    "`tracker import` đọc lại phiếu đã điền. Với --intake: phiếu trống để xã đề xuất vướng mắc mới.\n\n\b\n"
    "Ví dụ: tracker form --dept NNMT --output phieu-nnmt.xlsx\n"
    'Ví dụ: tracker form --commune "Vạn An" --intake',
    "init": "Tạo thư mục dữ liệu với 14 cơ quan và các nhóm vướng mắc.\n\n\b\nVí dụ: tracker init data",
    "add-commune": "Thêm một xã trong danh sách chính thức 130 xã, phường của Nghệ An.\n\n\b\n"
    'Ví dụ: tracker add-commune "van an"',
    "validate": "Kiểm tra mọi tệp dữ liệu; liệt kê mọi lỗi dạng tệp:dòng: mã: trường: nội dung.\n\n\b\n"
    "Ví dụ: tracker validate",
    "fmt": "Viết lại mọi tệp dữ liệu theo dạng chuẩn mà lệnh ghi (giữ nguyên chú thích).\n\n\b\n"
    "Ví dụ: tracker fmt --check",
    "schema": "Lược đồ JSON của một loại tệp dữ liệu, cho trình soạn thảo kiểm tra YAML khi gõ.\n\n\b\n"
    "Ví dụ: tracker schema commune > commune.schema.json",
    "resolve": "Sau khi `git merge` dừng ở các tệp xã: gộp chúng theo từng mục (mã mà cả hai bên cùng thêm được "
    "đổi ở phía bên kia). Rồi `git add` và commit.\n\n\b\nVí dụ: tracker resolve",
    "setup-git": "Để `git merge` và `git pull` trên máy gộp tệp xã theo từng mục (một merge driver; nút gộp của "
    "GitHub và GitLab không dùng nó).\n\n\b\nVí dụ: tracker setup-git",
    "merge-driver": "Git gọi lệnh này (do `tracker setup-git` cài) để gộp một tệp xã.\n\n\b\n"
    "Ví dụ: tracker merge-driver %O %A %B %P",
    "plan": "Kế hoạch hành động của xã: các nhiệm vụ có lộ trình và người chịu trách nhiệm.",
    "plan add": "Thêm một nhiệm vụ vào kế hoạch hành động của xã; mã mới in ở dòng cuối.\n\n\b\n"
    'Ví dụ: tracker plan add --commune "Vạn An" --title "Rà soát hồ sơ đất đai" --owner "Vương Hồng Thái"\n'
    '--due 2025-12-31 --issue VA-1 --milestone 2025-11-15:"Lập danh sách hồ sơ"',
    "plan list": "Liệt kê nhiệm vụ kế hoạch, theo xã rồi theo mã.\n\n\b\n"
    "Ví dụ: tracker plan list --commune van-an --format json",
    "plan update": "Sửa một nhiệm vụ kế hoạch: trạng thái, mốc đã xong, thêm hoặc sửa mốc, thời hạn, nội dung.\n\n\b\n"
    'Ví dụ: tracker plan update VA-KH1 --milestone-done 1 --note "Đã lập danh sách"\n'
    'Ví dụ: tracker plan update VA-KH1 --milestone 2025-12-15:"Báo cáo kết quả" --milestone-due 1:2025-11-20',
    "rollup": "Tổng hợp toàn quốc từ kho dữ liệu của nhiều tỉnh, lấy về bằng git (rollup.yaml).",
    "rollup init": "Tạo rollup.yaml với một thành viên mẫu và Bộ, ngành phụ trách từng cơ quan, cùng lược đồ JSON của nó."
    "\n\n\b\nVí dụ: tracker rollup init quoc-gia",
    "rollup fetch": "Lấy về (clone nông) kho của từng thành viên vào .rollup/, hoặc cập nhật, rồi kiểm tra dữ liệu; in "
    "commit và số bản ghi của từng thành viên. Có thành viên lỗi thì thoát mã 1.\n\n\b\n"
    "Ví dụ: tracker rollup fetch --jobs 8",
    "rollup stats": "Bảng kết quả theo tỉnh và theo cơ quan chủ trì, và tổng cả nước, từ các thành viên đã lấy về."
    "\n\n\b\nVí dụ: tracker rollup stats --format json --as-of 2025-12-31\n"
    "Ví dụ: tracker rollup stats --period 2025-Q4",
    "rollup report": "Báo cáo tổng hợp toàn quốc (Markdown): kết quả theo tỉnh, theo cơ quan chủ trì cùng Bộ, ngành "
    "phụ trách, và vướng mắc quá hạn của từng tỉnh, mã ghi dạng TỈNH:MÃ.\n\n\b\n"
    "Ví dụ: tracker rollup report --as-of 2025-12-31 --output bao-cao-toan-quoc.md\n"
    "Ví dụ: tracker rollup report --period 2025-12",
    "rollup clusters": "Các nhóm cùng một vướng mắc do nhiều tỉnh nêu, nhóm lớn trước: mỗi nhóm với các tỉnh, số xã, "
    "mã vướng mắc dạng TỈNH:MÃ, cơ quan chủ trì và Bộ, ngành trả lời cho từng cơ quan (`ministries` trong "
    "rollup.yaml).\n\n\b\n"
    "Ví dụ: tracker rollup clusters --min-provinces 3 --format md --output nhom-chung.md\n"
    "Ví dụ: tracker rollup clusters --dept NNMT --format json",
    "rollup site": "Một trang web tĩnh cho bản tổng hợp: trang tổng quan cả nước (kết quả theo tỉnh, theo cơ quan "
    "chủ trì, tổng cả nước, các nhóm vướng mắc chung của nhiều tỉnh cùng Bộ, ngành) và một trang mỗi tỉnh, có liên "
    "kết tới trang của chính tỉnh đó khi rollup.yaml ghi `site`.\n\n\b\n"
    "Ví dụ: tracker rollup site --output site-quoc-gia/",
}

OPTIONS = {
    "Issue or plan item ID, e.g. VA-2.": "Mã vướng mắc hoặc nhiệm vụ kế hoạch, ví dụ VA-2.",
    "The scanned document (PDF, image), at most 20 MB.": "Bản quét văn bản (PDF, ảnh), tối đa 20 MB.",
    "Data folder (default: $TRACKER_DATA_DIR, else the nearest data/).": "Thư mục dữ liệu (mặc định: $TRACKER_DATA_DIR, nếu không thì thư mục data/ gần nhất).",
    "Language of messages: vi (default) or en.": "Ngôn ngữ: vi (mặc định) hoặc en.",
    "Show the traceback of unexpected errors.": "Hiện chi tiết (traceback) của lỗi không mong đợi.",
    "Print the version and exit.": "In phiên bản rồi thoát.",
    "Install completion for the current shell.": "Cài gợi ý lệnh (completion) cho shell đang dùng.",
    "Show completion for the current shell, to copy it or customize the installation.": "Hiện đoạn gợi ý lệnh cho shell đang dùng, để chép hoặc tự cài.",
    "Commune: slug, official code or name.": "Xã: tên tệp (slug), mã chính thức hoặc tên.",
    "Lead department code (cơ quan chủ trì).": "Mã cơ quan chủ trì.",
    "The obstacle, in one line.": "Nội dung vướng mắc, một dòng.",
    "Details.": "Mô tả chi tiết.",
    "Obstacle group code (categories.yaml).": "Mã nhóm vướng mắc (categories.yaml).",
    "Supporting department; repeat for several.": "Cơ quan phối hợp; lặp lại cho nhiều cơ quan.",
    "Deadline (YYYY-MM-DD or dd/mm/yyyy).": "Thời hạn (YYYY-MM-DD hoặc dd/mm/yyyy).",
    "high, normal or low.": "Mức ưu tiên: high (Cao), normal (Bình thường) hoặc low (Thấp).",
    "Person responsible.": "Người chịu trách nhiệm.",
    "Date raised (default: today).": "Ngày nêu (mặc định: hôm nay).",
    "Where it was raised (meeting, document).": "Nguồn: nêu ở đâu (buổi làm việc, văn bản).",
    "Who records it (default: git user.name).": "Người ghi (mặc định: user.name của git).",
    "Lead department; repeat for several.": "Cơ quan chủ trì; lặp lại cho nhiều cơ quan.",
    "With --dept: include supporting roles.": "Cùng --dept: gồm cả vướng mắc cơ quan đó phối hợp.",
    "Only this commune.": "Chỉ xã này.",
    "Only these statuses.": "Chỉ các trạng thái này (open, in_progress… hoặc Chưa xử lý, Đang xử lý…).",
    "Only these obstacle groups.": "Chỉ các nhóm vướng mắc này.",
    "Only open items past their deadline.": "Chỉ các mục chưa xong đã quá hạn.",
    "Only items not done that have no deadline.": "Chỉ các mục chưa xong chưa có thời hạn.",
    "A reporting period: 2025-12, 2025-Q4, 2025-H1, 2025-H2, 2025-9M or 2025 (cut-off day: followup.yaml).": "Kỳ báo cáo: 2025-12 (tháng), 2025-Q4 (quý), 2025-H1, 2025-H2 (6 tháng), 2025-9M (9 tháng) hoặc 2025 (năm); ngày chốt số liệu theo followup.yaml.",
    "Record in data/reports.yaml that it was sent.": "Ghi vào sổ data/reports.yaml rằng báo cáo đã gửi.",
    "With --submit: the report's number, e.g. 15/BC-TCT2.": "Cùng --submit: số văn bản, ví dụ 15/BC-TCT2.",
    "With --submit: the day it was sent (default: today).": "Cùng --submit: ngày gửi (mặc định: hôm nay).",
    "With --submit: replace a report sent already.": "Cùng --submit: thay báo cáo đã gửi của kỳ này (đính chính).",
    "dept: the issues by lead department; commune: the action plans by commune.": "dept: vướng mắc theo cơ quan chủ trì; commune: kế hoạch hành động theo xã.",
    "pending: a new deadline asked for and not decided; approved: extended.": "pending: đã đề nghị gia hạn, chờ quyết định; approved: đã được gia hạn.",
    "Text, any case or diacritics.": "Tìm chữ, không phân biệt hoa thường hay dấu.",
    "Date that counts as today.": "Ngày được coi là hôm nay (số liệu tính đến ngày đó).",
    "Output format: table, json or csv.": "Định dạng: table (bảng), json hoặc csv.",
    "Issue or plan-item ID.": "Mã vướng mắc hoặc nhiệm vụ kế hoạch.",
    "table or json.": "table (bảng) hoặc json.",
    "Issue ID, e.g. VA-2.": "Mã vướng mắc, ví dụ VA-2.",
    "New status.": 'Trạng thái mới (mã, hoặc chữ như báo cáo viết: "Đang xử lý").',
    "A note for the history.": "Ghi chú vào lịch sử.",
    "New deadline; '-' removes it.": "Thời hạn mới; '-' để bỏ thời hạn.",
    "New lead department.": "Cơ quan chủ trì mới.",
    "Supporting departments (replaces the list; '-' empties it).": "Cơ quan phối hợp (thay cả danh sách; '-' để bỏ hết).",
    "Obstacle group code.": "Mã nhóm vướng mắc.",
    "New title (the obstacle, in one line).": "Nội dung vướng mắc mới, một dòng.",
    "New details; '-' removes them.": "Mô tả chi tiết mới; '-' để bỏ mô tả.",
    "New date raised (not after the deadline, the date resolved or today).": "Ngày nêu mới (không sau thời hạn, ngày giải quyết hay hôm nay).",
    "Let a resolved issue go back to not done.": "Cho phép mở lại một vướng mắc đã giải quyết.",
    "Who makes the change (default: git user.name).": "Người sửa (mặc định: user.name của git).",
    "How it was resolved (kết quả).": "Kết quả giải quyết.",
    "The document that proves it: number and date (Số 45/SNNMT-QLĐĐ ngày 10/12/2025).": "Văn bản làm căn cứ: số và ngày (Số 45/SNNMT-QLĐĐ ngày 10/12/2025).",
    "The new deadline asked for.": "Thời hạn mới đề nghị.",
    "Why it is asked for (or, with --reject, refused).": "Lý do đề nghị (cùng --reject: lý do không đồng ý).",
    "Date of the request (default: today).": "Ngày đề nghị (mặc định: hôm nay).",
    "The request's document: number and date.": "Văn bản đề nghị: số và ngày.",
    "Approve the request waiting.": "Đồng ý đề nghị đang chờ.",
    "Reject the request waiting (needs --reason).": "Không đồng ý đề nghị đang chờ (cần --reason).",
    "Date of the decision (default: today).": "Ngày quyết định (mặc định: hôm nay).",
    "Date resolved (default: today).": "Ngày giải quyết (mặc định: hôm nay).",
    "The ID to change, e.g. a duplicated VA-4.": "Mã cần đổi, ví dụ VA-4 bị trùng.",
    "The new ID (default: the next free number).": "Mã mới (mặc định: số tiếp theo còn trống).",
    "The issue to compare with the others.": "Vướng mắc cần so với các vướng mắc khác.",
    "Compare this text instead of an issue.": "So đoạn văn này thay cho một vướng mắc.",
    "How many to show.": "Số kết quả hiện ra.",
    "Only clusters where this department leads an issue.": "Chỉ các nhóm có vướng mắc do cơ quan này chủ trì.",
    "Only clusters spanning this many communes.": "Chỉ các nhóm gồm từ chừng này xã trở lên.",
    "An issue.": "Một vướng mắc.",
    "An issue that is the same obstacle.": "Một vướng mắc cùng nội dung.",
    "The issue it is linked to.": "Vướng mắc đang liên kết với nó.",
    "They are not the same obstacle: never group them (not_same_as).": "Không cùng một vướng mắc: không bao giờ nhóm chúng (not_same_as).",
    "Take out a not_same_as instead.": "Bỏ ghi không cùng vướng mắc (not_same_as) thay vì liên kết.",
    "Only this department's part; repeat for several.": "Chỉ phần việc của cơ quan này; lặp lại cho nhiều cơ quan.",
    "Only issues with these statuses.": "Chỉ các vướng mắc có trạng thái này.",
    "md (default), html or docx (needs --output).": "md (mặc định), html hoặc docx (cần --output).",
    "Write to this file instead of stdout.": "Ghi ra tệp này thay vì in ra màn hình.",
    "vi (default) or en.": "vi (mặc định) hoặc en.",
    "The folder to write the site into.": "Thư mục sẽ ghi trang web vào.",
    "Add a page of what changed since this revision (git).": "Thêm trang những thay đổi từ phiên bản này (git).",
    "Title instead of BÁO CÁO.": "Tiêu đề thay cho BÁO CÁO.",
    "Add what changed since this revision or date (git).": "Thêm phần thay đổi từ phiên bản hoặc ngày này (git).",
    "Common obstacles: those of this many communes or more (0: leave the part out).": "Vướng mắc chung: của từ chừng này xã trở lên (0: bỏ phần này).",
    "A git revision (tag, branch, hash) or a date YYYY-MM-DD.": "Một phiên bản git (tag, nhánh, mã) hoặc ngày YYYY-MM-DD.",
    "Up to this revision.": "Đến phiên bản này.",
    "md (default) or json.": "md (mặc định) hoặc json.",
    "Only this lead department; repeat for several.": "Chỉ cơ quan chủ trì này; lặp lại cho nhiều cơ quan.",
    "Only this commune (its issues and its action plan).": "Chỉ xã này (vướng mắc và kế hoạch hành động của xã).",
    "depts, communes or all (default: all; depts with --dept).": "depts (cơ quan), communes (xã) hoặc all (mặc định: all; depts khi có --dept).",
    "md (default), html, docx, eml or json.": "md (mặc định), html, docx, eml hoặc json.",
    "A folder: one file a reminder.": "Một thư mục: mỗi văn bản đôn đốc một tệp.",
    "Days ahead that count as due soon.": "Số ngày tới được coi là sắp đến hạn.",
    "Days without an update that make an item stale.": "Số ngày không cập nhật thì coi là chưa cập nhật.",
    "Add to each item's history that it was reminded.": "Ghi vào lịch sử mỗi mục là đã đôn đốc.",
    "Send them by e-mail (TRACKER_SMTP_URL, …).": "Gửi bằng thư điện tử (TRACKER_SMTP_URL, …).",
    "Say who would get what; write and send nothing.": "Cho biết ai sẽ nhận gì; không ghi, không gửi gì.",
    "csv, xlsx or json.": "csv, xlsx hoặc json.",
    "The file to write.": "Tệp sẽ ghi.",
    "A .csv or .xlsx file.": "Một tệp .csv hoặc .xlsx.",
    "Say what would change; write nothing.": "Cho biết sẽ thay đổi gì; không ghi gì.",
    "The commune of rows that name none.": "Xã của các dòng không ghi xã.",
    "Let rows reopen resolved issues.": "Cho phép các dòng mở lại vướng mắc đã giải quyết.",
    "With an update form: apply rows whose item changed since it was made.": "Với phiếu cập nhật: vẫn nhập các dòng mà nội dung đã thay đổi sau khi lập phiếu.",
    "The department whose form it is (the issues it leads).": "Cơ quan nhận phiếu (các vướng mắc cơ quan đó chủ trì).",
    "The commune whose form it is (its action plan, then its issues).": "Xã nhận phiếu (kế hoạch hành động, rồi các vướng mắc của xã).",
    "With --commune: a blank intake sheet for its new obstacles.": "Với --commune: phiếu trống để xã đề xuất vướng mắc mới.",
    "The .xlsx file to write.": "Tệp .xlsx sẽ ghi.",
    "Folder to create.": "Thư mục sẽ tạo.",
    "Commune name, e.g. 'van an' or 'Xã Vạn An'.": "Tên xã, ví dụ 'van an' hoặc 'Xã Vạn An'.",
    "Official 5-digit code (needed if not in the list).": "Mã chính thức 5 chữ số (cần khi không có trong danh sách).",
    "Short upper-case ID prefix (default: initials).": "Tiền tố mã, chữ in hoa ngắn (mặc định: chữ đầu của tên).",
    "xa, phuong or dac_khu.": "xa (xã), phuong (phường) hoặc dac_khu (đặc khu).",
    "Only list files not in canonical form; exit 1 if any.": "Chỉ liệt kê tệp chưa đúng dạng chuẩn; có thì thoát mã 1.",
    "commune, departments or categories.": "commune (xã), departments (cơ quan) hoặc categories (nhóm vướng mắc).",
    "Write every schema into data/schemas/ instead.": "Ghi mọi lược đồ vào data/schemas/ thay vì in ra.",
    "%O: the common ancestor's version.": "%O: phiên bản chung trước khi tách nhánh.",
    "%A: our version; the result is written here.": "%A: phiên bản của ta; kết quả ghi vào đây.",
    "%B: their version.": "%B: phiên bản của bên kia.",
    "%P: the file's path, for messages.": "%P: đường dẫn của tệp, để báo lỗi.",
    "What will be done.": "Việc sẽ làm.",
    "Person responsible (người chịu trách nhiệm).": "Người chịu trách nhiệm.",
    "Start date.": "Ngày bắt đầu.",
    "Issue ID it addresses; repeat for several.": "Mã vướng mắc mà nhiệm vụ giải quyết; lặp lại cho nhiều mã.",
    "Roadmap step DATE:TEXT; repeat.": "Một mốc lộ trình NGÀY:NỘI DUNG; lặp lại cho nhiều mốc.",
    "Only items past their deadline.": "Chỉ các nhiệm vụ đã quá hạn.",
    "Plan-item ID, e.g. VA-KH1.": "Mã nhiệm vụ kế hoạch, ví dụ VA-KH1.",
    "Mark milestone N (1-based) done; repeat.": "Đánh dấu mốc số N (đếm từ 1) đã xong; lặp lại cho nhiều mốc.",
    "New deadline.": "Thời hạn mới.",
    "New person responsible.": "Người chịu trách nhiệm mới.",
    "Date done (default: today).": "Ngày hoàn thành (mặc định: hôm nay).",
    "New title (what will be done).": "Nội dung mới (việc sẽ làm).",
    "Add a roadmap step DATE:TEXT (numbered last); repeat.": "Thêm một mốc lộ trình NGÀY:NỘI DUNG (đánh số sau cùng); lặp lại cho nhiều mốc.",
    "Move milestone N to a new date: N:DATE; repeat.": "Đổi ngày của mốc số N: N:NGÀY; lặp lại cho nhiều mốc.",
    "Reword milestone N: N:TEXT; repeat.": "Sửa nội dung mốc số N: N:NỘI DUNG; lặp lại cho nhiều mốc.",
    "The roll-up's description (default: rollup.yaml here).": "Tệp mô tả bản tổng hợp (mặc định: rollup.yaml ở thư mục này).",
    "Folder of the roll-up (default: here).": "Thư mục của bản tổng hợp (mặc định: thư mục này).",
    "Members fetched at a time.": "Số thành viên lấy về cùng lúc.",
    "md (the only one yet).": "md (hiện chỉ có md).",
    "A reporting period (2025-12, 2025-Q4, 2025-H1, 2025-9M, 2025): to its cut-off.": "Kỳ báo cáo (2025-12, "
    "2025-Q4, 2025-H1, 2025-9M, 2025): số liệu tính đến ngày chốt của kỳ.",
    "Only groups raised in this many provinces.": "Chỉ các nhóm do từng ấy tỉnh trở lên nêu.",
    "Only groups where this department leads an issue.": "Chỉ các nhóm có vướng mắc do cơ quan này chủ trì.",
    "table, md, json or csv.": "table (bảng), md, json hoặc csv.",
    "Show this message and exit.": "Hiện trợ giúp này rồi thoát.",
}

# Typer's own words in help, at the start of a line or in brackets.
_FRAME: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Usage: ", re.M), "Cách dùng: "),
    (re.compile(r"^Options:$", re.M), "Tùy chọn:"),
    (re.compile(r"^Arguments:$", re.M), "Đối số:"),
    (re.compile(r"^Commands:$", re.M), "Lệnh:"),
    (re.compile(r"\[default:(\s)"), r"[mặc định:\1"),  # a long help wraps after the colon
    (re.compile(r"\[OPTIONS\]"), "[TÙY-CHỌN]"),
    (re.compile(r"\bCOMMAND \[ARGS\]\.\.\."), "LỆNH [ĐỐI-SỐ]..."),
    (re.compile(r"\[ARGS\]"), "[ĐỐI-SỐ]"),
    (re.compile(r"\[required\]"), "[bắt buộc]"),
    (re.compile(r"\[env var: "), "[biến môi trường: "),
    (re.compile(r"\bExample: "), "Ví dụ: "),
]


def framed(text: str) -> str:
    """Typer's help and usage lines with its own words in Vietnamese."""
    for pattern, words in _FRAME:
        text = pattern.sub(words, text)
    return text


# Typer's errors, by their English: (pattern, Vietnamese with \1 … for its parts).
_ERRORS = [
    (r"No such option: (\S+)", r"không có tùy chọn \1"),
    (r"Option '(.+)' requires an argument\.", r"tùy chọn '\1' cần một giá trị"),
    (r"Option '(.+)' requires (\d+) arguments\.", r"tùy chọn '\1' cần \2 giá trị"),
    (r"Got unexpected extra arguments? \((.*)\)", r"thừa đối số: \1"),
    (r"No such command '(.*)'\.", r"không có lệnh '\1'"),
    (r"Missing command\.", r"thiếu lệnh"),
    (r"Missing argument '(.*)'\.", r"thiếu đối số \1"),
    (r"Missing option '(.*)'\.", r"thiếu tùy chọn \1"),
    (r"Missing parameter: (.*)", r"thiếu tham số \1"),
    (
        r"Invalid value for (.+?): (.*) is not a valid integer\.",
        r"giá trị không hợp lệ cho \1: \2 không phải số nguyên",
    ),
    (
        r"Invalid value for (.+?): (.*) is not in the range (.*)\.",
        r"giá trị không hợp lệ cho \1: \2 nằm ngoài khoảng \3",
    ),
    (r"Invalid value for (.+?): (.*) is not one of (.*)\.", r"giá trị không hợp lệ cho \1: \2 không phải một trong \3"),
    (r"Invalid value for (.+?): (.*)", r"giá trị không hợp lệ cho \1: \2"),
    (r"Invalid value: (.*)", r"giá trị không hợp lệ: \1"),
]
_COMPILED = [(re.compile(f"^{p}$", re.S), w) for p, w in _ERRORS]
# What Typer (through Pydantic) says of a value that does not convert.
_VALUES = [
    (re.compile(r"Input should be a valid integer[^.]*\.?"), "phải là một số nguyên"),
    (re.compile(r"Input should be greater than or equal to (\d+)\.?"), r"phải lớn hơn hoặc bằng \1"),
    (re.compile(r"Input should be less than or equal to (\d+)\.?"), r"phải nhỏ hơn hoặc bằng \1"),
    (re.compile(r"Input should be a valid boolean[^.]*\.?"), "phải là đúng hoặc sai"),
    (re.compile(r"Value error, '(.*)' is not one of (.*?)\.?$"), r"'\1' không phải một trong: \2"),
    (re.compile(r"Input should be (.*)"), r"phải là \1"),
]


_POSSIBLE = re.compile(r" \((?:Possible options|Did you mean): (.*?)\??\)$| Did you mean (.*)\?$")


def worded(exc: Any) -> str:
    """A usage error of Typer's (Click's) in Vietnamese, from its class and what it
    carries: the option or parameter, its type, the values it would take. An error
    of a kind not known here is worded from its text (`error`)."""
    from typer._click import exceptions as ce

    if hasattr(exc, "extra") or hasattr(exc, "close"):  # tracker's own (cli/app.py), worded already
        return str(exc.format_message())
    if isinstance(exc, ce.NoSuchOption):
        maybe = f" ({meant(', '.join(exc.possibilities)).vi})" if exc.possibilities else ""
        return f"không có tùy chọn {exc.option_name}{maybe}"
    if isinstance(exc, ce.BadOptionUsage):
        option = _option(exc.ctx, exc.option_name)
        if option is not None and getattr(option, "is_flag", False):
            return f"tùy chọn {exc.option_name} không nhận giá trị (chỉ ghi {exc.option_name})"
        count = getattr(option, "nargs", 1) if option is not None else 1
        return f"tùy chọn {exc.option_name} cần {'một' if count == 1 else count} giá trị"
    if isinstance(exc, ce.MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        what = {"option": "thiếu tùy chọn", "argument": "thiếu đối số"}.get(kind, "thiếu tham số")
        return f"{what} {_hint(exc)}"
    if isinstance(exc, ce.BadParameter):
        # Typer converts values through Pydantic, whose words `_VALUES` says again;
        # tracker's own parsers say it in Vietnamese already.
        return f"giá trị không hợp lệ cho {_hint(exc)}: {error(exc.message).strip()}"
    return error(exc.format_message())


def _option(ctx: Any, name: str) -> Any:
    """The option of the command being parsed that `name` names, if any."""
    command = getattr(ctx, "command", None)
    return next((p for p in getattr(command, "params", []) if name in getattr(p, "opts", [])), None)


def _hint(exc: Any) -> str:
    """The option or argument an error is about, as the user would type it."""
    if exc.param_hint:
        hint = exc.param_hint
        return " / ".join(hint) if isinstance(hint, list | tuple) else str(hint)
    if exc.param is not None:
        opts = [o for o in getattr(exc.param, "opts", []) if o.startswith("-")]
        return " / ".join(opts) if opts else str(getattr(exc.param, "metavar", None) or exc.param.name.upper())
    return ""


def error(message: str) -> str:
    """One of Typer's error messages in Vietnamese (as it is, if it is none known)."""
    possible = _POSSIBLE.search(message)
    if possible:
        message = message[: possible.start()]
    for pattern, words in _COMPILED:
        if pattern.match(message):
            message = pattern.sub(words, message)
            break
    for pattern, words in _VALUES:
        message = pattern.sub(words, message)
    return message + (f" ({meant(possible[1] or possible[2]).vi})" if possible else "")


# What a value is called in help, by Typer's name of its type or the metavar given:
# (Vietnamese, English). Typer would say `<str>`, `<list[str]>`; a user types words.
_PLACEHOLDERS = {
    "<str>": ("<chữ>", "<text>"), "<list[str]>": ("<chữ>", "<text>"), "<path>": ("<đường-dẫn>", "<path>"),
    "<int>": ("<số>", "<number>"), "<int range>": ("<số>", "<number>"), "<float>": ("<số>", "<number>"),
    "<date>": ("<ngày>", "<date>"), "<status>": ("<trạng-thái>", "<status>"),
    "<priority>": ("<mức-ưu-tiên>", "<priority>"),
}  # fmt: skip


def placeholder(shown: str, multiple: bool, vi: bool) -> str:
    """An option's value as its help names it, `...` when it may be repeated; a list of
    choices (`<pending|approved>`) as it is."""
    words = _PLACEHOLDERS.get(shown)
    if words is None:
        return shown
    return words[0 if vi else 1] + ("..." if multiple else "")
