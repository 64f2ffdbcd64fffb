import copy

from tracker import layout, yamlio

BASE = {
    "commune": {"code": "17950", "name": "Vạn An", "kind": "xa", "prefix": "VA"},
    "issues": [
        {"id": "VA-1", "title": "Một", "dept": "NNMT", "status": "open"},
        {"id": "VA-2", "title": "Hai", "dept": "TC", "status": "open"},
        {"id": "VA-3", "title": "Ba", "dept": "NV", "status": "open"},
    ],
    "action_plan": [],
}


def changed(**issue2: str) -> dict:  # type: ignore[type-arg]
    new = copy.deepcopy(BASE)
    new["issues"][1].update(issue2)
    return new


def test_rewrite_touches_only_the_changed_record() -> None:
    text = layout.render(BASE)
    # Another record written by hand in a non-canonical but valid style stays as it is.
    text = text.replace("title: Ba", 'title: "Ba"')
    out = layout.rewrite(text, BASE, changed(status="in_progress"))
    assert out == text.replace("  status: open\n\n- id: VA-3", "  status: in_progress\n\n- id: VA-3")


def test_rewrite_keeps_comments_inside_and_around_the_record() -> None:
    text = layout.render(BASE).replace("- id: VA-2\n", "# ghi chú trước VA-2\n- id: VA-2  # mã\n")
    text = text.replace("  dept: TC\n", "  # chủ trì\n  dept: TC\n")
    out = layout.rewrite(text, BASE, changed(dept="XD", status="escalated"))
    assert "# ghi chú trước VA-2\n- id: VA-2  # mã\n  title: Hai\n  # chủ trì\n  dept: XD\n" in out
    assert yamlio.load(out).data == changed(dept="XD", status="escalated")


def test_adding_a_record_appends_it_after_the_last_one() -> None:
    text = layout.render(BASE).replace("action_plan: []", "# kế hoạch\naction_plan: []")
    new = copy.deepcopy(BASE)
    new["issues"].append({"id": "VA-4", "title": "Bốn", "dept": "XD", "status": "open"})
    out = layout.rewrite(text, BASE, new)
    # After the blank line that ends VA-3, before the comment that heads the next block.
    assert "  dept: NV\n  status: open\n\n- id: VA-4\n  title: Bốn\n  dept: XD\n  status: open\n\n# kế hoạch\n" in out
    assert out == layout.render(new).replace("action_plan: []", "# kế hoạch\naction_plan: []")


def test_first_plan_item_replaces_the_empty_list_and_keeps_its_comment() -> None:
    text = layout.render(BASE).replace("action_plan: []", "action_plan: []  # chưa có")
    new = copy.deepcopy(BASE)
    new["action_plan"] = [{"id": "VA-KH1", "title": "Kế hoạch"}]
    out = layout.rewrite(text, BASE, new)
    assert out.endswith("action_plan:  # chưa có\n- id: VA-KH1\n  title: Kế hoạch\n")
    new["action_plan"].append({"id": "VA-KH2", "title": "Hai"})
    assert layout.rewrite(out, layout.yamlio.load(out).data, new).endswith(
        "  title: Kế hoạch\n\n- id: VA-KH2\n  title: Hai\n"
    )


def test_reformat_is_idempotent_and_keeps_comments() -> None:
    text = "# đầu tệp\ncommune: {code: '17950', name: Vạn An, kind: xa, prefix: VA}  # xã\n"
    text += "issues: []\naction_plan: []\n"
    data = yamlio.load(text).data
    once = layout.reformat(text, data)
    # The flow mapping became a block: its comment moves onto a line of its own above it.
    assert once.startswith("# đầu tệp\n# xã\ncommune:\n  code: '17950'\n")
    assert layout.reformat(once, data) == once
