"""The team's rules dialog (团队规则) from the Public pool screen: the supervisor edits them with spin boxes ("off"
for a return rule switched off), a refusal stays in the dialog; a rep sees them read-only and in the screen's line.
Real window, real store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from fieldcrm.services.team_rules import TeamRulesService


def _dialog(qtbot, screen, idle):
    qtbot.mouseClick(screen.team_rules, Qt.MouseButton.LeftButton)
    idle()
    dialog = screen.findChild(object, "teamRulesDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_supervisor_sets_the_teams_rules_and_a_rep_reads_them(qtbot, make_window, team_services, idle) -> None:
    window = make_window("supervisor")
    screen = window.show_screen("pool")
    idle()
    dialog = _dialog(qtbot, screen, idle)
    assert dialog.editable and dialog.save.isVisible()
    assert dialog.numbers["protection_days"].value() == 30  # the defaults, until the team sets its own
    assert dialog.numbers["protection_days"].suffix() == " days"
    dialog.numbers["protection_days"].setValue(45)
    deal = dialog.numbers["return_without_deal_days"]
    deal.setValue(deal.minimum())
    assert deal.text() == "off"
    dialog.timezone.setText("Mars/Olympus")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    idle()
    assert dialog.isVisible() and dialog.message.text() == "timezone: 'Mars/Olympus' is not a time zone"
    dialog.timezone.setText("Asia/Shanghai")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)
    idle()
    assert not dialog.isVisible()
    rep = team_services["rep"]
    rules = TeamRulesService(rep.store, rep.user_id).show().rules
    assert (rules.protection_days, rules.return_without_deal_days) == (45, None)
    window.close()

    window = make_window("rep")
    screen = window.show_screen("pool")
    idle()
    assert screen.rules.text().startswith("Your team's rules: protection 45 days;")
    assert "without a won deal: off" in screen.rules.text()
    dialog = _dialog(qtbot, screen, idle)
    assert not dialog.editable and not dialog.save.isVisible()
    assert not dialog.numbers["protection_days"].isEnabled() and dialog.numbers["protection_days"].value() == 45
    assert dialog.heading.text() == "Team 华东一组: set by your supervisor (read only)."
