import pytest

from scoring import Domain, FindingSpec, Option, Policy, Question, Rubric, RubricError, ShowIf
from tests.scoring.builders import STANDARD_OPTIONS, question

TWO_DOMAINS = (Domain("d1", "One"), Domain("d2", "Two"))


def _rubric(*questions, domains=TWO_DOMAINS):
    return Rubric(domains=domains, questions=questions, policy=Policy.default())


def test_valid_rubric_is_hashable_and_compares_by_value():
    a = _rubric(question("q1"), question("q2", "d2"))
    b = _rubric(question("q1"), question("q2", "d2"))
    assert a == b
    assert hash(a) == hash(b)


def test_duplicate_domain_key_is_refused():
    with pytest.raises(RubricError, match="duplicate domain key 'd1'"):
        _rubric(question("q1"), domains=(Domain("d1", "One"), Domain("d1", "Again")))


def test_duplicate_question_key_is_refused():
    with pytest.raises(RubricError, match="duplicate question key 'q1'"):
        _rubric(question("q1"), question("q1"))


def test_duplicate_option_key_is_refused():
    with pytest.raises(RubricError, match="question 'q1': duplicate option key 'good'"):
        question("q1", options=(*STANDARD_OPTIONS, Option("good", "Again", 10)))


def test_question_in_an_unknown_domain_is_refused():
    with pytest.raises(RubricError, match="question 'q1': unknown domain 'nowhere'"):
        _rubric(question("q1", "nowhere"))


def test_questions_out_of_domain_order_are_refused():
    with pytest.raises(RubricError, match="question 'q3'"):
        _rubric(question("q1", "d1"), question("q2", "d2"), question("q3", "d1"))


def test_question_without_options_is_refused():
    with pytest.raises(RubricError, match="question 'q1': has no options"):
        _rubric(question("q1", options=()))


def test_show_if_pointing_at_an_unknown_question_is_refused():
    with pytest.raises(RubricError, match="question 'q2': show_if points at 'ghost'"):
        _rubric(question("q1"), question("q2", show_if=("ghost", ("good",))))


def test_show_if_pointing_at_a_later_question_is_refused():
    with pytest.raises(RubricError, match="question 'q1': show_if points at 'q2'"):
        _rubric(question("q1", show_if=("q2", ("good",))), question("q2"))


def test_show_if_pointing_at_itself_is_refused():
    with pytest.raises(RubricError, match="question 'q1': show_if points at 'q1'"):
        _rubric(question("q1", show_if=("q1", ("good",))))


def test_show_if_naming_an_unknown_option_is_refused():
    with pytest.raises(
        RubricError, match="show_if option 'maybe' is not an option of question 'q1'"
    ):
        _rubric(question("q1"), question("q2", show_if=("q1", ("good", "maybe"))))


def test_show_if_with_no_options_is_refused():
    with pytest.raises(RubricError, match="any_of must name at least one option"):
        ShowIf("q1", ())


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Option("o", "O", 101), "option 'o': score must be within 0..100"),
        (lambda: Option("o", "O", -1), "option 'o': score must be within 0..100"),
        (lambda: Option("o", "O", 50.5), "option 'o': score must be an integer"),
        (lambda: Option("o", "O", True), "option 'o': score must be an integer"),
        (lambda: Option("", "O", 1), "option key must not be empty"),
        (lambda: FindingSpec("dire", "T", "R"), "severity 'dire'"),
        (lambda: question("q1", weight=0), "question 'q1': weight must be positive"),
        (lambda: question("q1", weight=float("inf")), "question 'q1' weight must be a finite"),
        (lambda: Domain("d1", "One", -1), "domain 'd1': weight must be positive"),
        (lambda: Domain("d1", "One", "heavy"), "domain 'd1' weight must be a number"),
        (
            lambda: Question("q1", "d1", "?", required="yes", options=STANDARD_OPTIONS),
            "question 'q1' required must be true or false",
        ),
    ],
)
def test_invalid_parts_are_refused_with_a_message_naming_the_key(build, message):
    with pytest.raises(RubricError) as error:
        build()
    assert message in str(error.value)


def test_lists_are_accepted_and_frozen_into_tuples():
    q = Question("q1", "d1", "?", options=list(STANDARD_OPTIONS))
    r = Rubric(domains=[Domain("d1", "One")], questions=[q], policy=Policy.default())
    assert isinstance(q.options, tuple)
    assert isinstance(r.domains, tuple)
    assert isinstance(r.questions, tuple)
    assert isinstance(ShowIf("q1", ["good"]).any_of, tuple)


def test_integer_weights_are_stored_as_floats():
    assert question("q1", weight=2).weight == 2.0
    assert isinstance(Domain("d1", "One", 3).weight, float)
