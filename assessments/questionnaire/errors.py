class QuestionnaireError(Exception):
    """A questionnaire file is invalid. The message names the file, the place and the problem."""

    def __init__(self, source: str, location: str, problem: str) -> None:
        self.source = source
        self.location = location
        self.problem = problem
        where = f"{source}: {location}" if location else source
        super().__init__(f"{where}: {problem}")
