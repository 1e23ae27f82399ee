"""Page templates the crawl in test_every_page.py cannot reach by following links from the demo
seed, each with the reason and the browser journey that checks it with axe instead. Keep it
short: a page people reach by a link belongs in the crawl."""

AFTER_A_FORM = "only shown after sending a form"

REACHED_ELSEWHERE: dict[str, dict[str, str]] = {
    "accounts": {
        "accounts/locked_out.html": "after five wrong passwords: test_two_factor_browser.py",
        "accounts/two_factor/backup_codes.html": f"{AFTER_A_FORM} (an authenticator set up): "
        "test_two_factor_browser.py",
        "accounts/two_factor/verify.html": "the crawl's staff have passed the second factor: "
        "test_two_factor_browser.py",
        "accounts/two_factor/verify_backup.html": "the crawl's staff have passed the second "
        "factor: test_two_factor_browser.py",
    },
    "privacy": {
        "privacy/erasure_requested.html": f"{AFTER_A_FORM}: test_privacy_browser.py",
    },
    "academies": {
        "academies/cohorts/apply_no_person.html": "only for an account with no organisation: "
        "academies/test_pages_axe_browser.py",
        "academies/cohorts/sponsor.html": "linked from the sponsor's email: "
        "test_academy_browser.py",
        "academies/cohorts/sponsor_done.html": f"{AFTER_A_FORM}: test_academy_browser.py",
        "academies/cohorts/sponsor_link_problem.html": "a used sponsor link: "
        "test_academy_browser.py",
        "academies/plans/update.html": "opens a month before an update falls due: "
        "test_academy_browser.py",
        "academies/sessions/check_in.html": "open only around a session's time: "
        "test_academy_browser.py",
        "academies/surveys/answer.html": "open to participants at the start and end: "
        "test_surveys_browser.py",
        "academies/surveys/done.html": f"{AFTER_A_FORM}: test_surveys_browser.py",
    },
    "cases": {
        "cases/contribute/attachments.html": f"{AFTER_A_FORM}: test_contribute_browser.py",
        "cases/contribute/benefits.html": f"{AFTER_A_FORM}: test_contribute_browser.py",
        "cases/contribute/picker.html": f"{AFTER_A_FORM}: test_contribute_browser.py",
        "cases/contribute/submitted.html": f"{AFTER_A_FORM}: test_contribute_browser.py",
    },
    "champions": {
        "champions/matching/suggestions.html": f"{AFTER_A_FORM}: champions/test_pages_axe_browser",
        "champions/mentoring/answer.html": "a champion answers a new request: "
        "test_mentoring_browser.py",
        "champions/mentoring/request_check.html": f"{AFTER_A_FORM}: test_mentoring_browser.py",
        "champions/mentoring/request_preferences.html": f"{AFTER_A_FORM}: "
        "test_mentoring_browser.py",
    },
    "events": {
        "events/feedback/form.html": "linked from the feedback email after an event: "
        "events/test_pages_axe_browser.py",
        "events/manage/invite_check.html": f"{AFTER_A_FORM} (an invite list uploaded): "
        "events/test_pages_axe_browser.py",
        "events/respond.html": "linked from the invitation email: test_round_table_browser.py",
        "events/respond_done.html": f"{AFTER_A_FORM}: test_round_table_browser.py",
        "events/respond_unusable.html": "a used or expired invitation link: "
        "test_round_table_browser.py",
    },
    "peer_challenge": {
        "peer_challenge/framework/form.html": "a draft framework exists only after staff make "
        "one: peer_challenge/test_pages_axe_browser.py",
        "peer_challenge/framework/line_remove.html": "needs a draft framework: "
        "peer_challenge/test_pages_axe_browser.py",
        "peer_challenge/framework/publish.html": "needs a draft framework: "
        "peer_challenge/test_pages_axe_browser.py",
    },
    "assessment": {
        "assessment/assessments/answer.html": "the demo team has answered: "
        "test_self_assessment_browser.py and test_keyboard_journeys.py",
        "assessment/assessments/no_person.html": "only for an account with no organisation: "
        "assessment/test_pages_axe_browser.py",
        "assessment/framework/form.html": "needs a draft framework: "
        "assessment/test_pages_axe_browser.py",
        "assessment/framework/publish.html": "needs a draft framework: "
        "assessment/test_pages_axe_browser.py",
        "assessment/framework/question_remove.html": "needs a draft framework: "
        "assessment/test_pages_axe_browser.py",
        "assessment/plans/item.html": "a support plan is made by a form: "
        "test_self_assessment_browser.py",
    },
    "market": {
        "market/imports/detail.html": "an import exists only after staff upload one: "
        "test_import_pages_axe_browser.py",
        "market/imports/review.html": "reviews come from an import: "
        "test_import_pages_axe_browser.py",
        "market/watches/remove.html": "a watch exists only after a person adds one: "
        "market/test_pages_axe_browser.py",
    },
}
