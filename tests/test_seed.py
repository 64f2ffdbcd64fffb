"""tracker.seed: what `tracker init` writes for Nghệ An."""

from tracker import seed


def test_the_fourteen_departments_with_their_aliases() -> None:
    departments = seed.departments().departments
    assert len(departments) == 14
    by_code = {d.code: d for d in departments}
    assert by_code["NNMT"].name == "Sở Nông nghiệp và Môi trường"
    assert "NN&MT" in by_code["NNMT"].model_dump()["aliases"]
    assert "aliases" not in by_code["NV"].model_dump()


def test_categories_end_with_other_and_have_unique_codes() -> None:
    codes = [c.code for c in seed.categories().categories]
    assert len(codes) == len(set(codes)) == 13
    assert "dat-dai" in codes and codes[-1] == "khac"


def test_the_ladder_reports_to_the_provinces_office_never_to_the_signer() -> None:
    followup = seed.followup()
    (step,) = followup.ladder
    assert (step.after_reminders, step.after_days_overdue, step.copy_to) == (2, 30, ["VPUB"])
    assert followup.letter.signer_code == "PCT"
    assert all("PCT" not in s.copy_to for s in followup.ladder)
