from django import forms

ACCEPTED_TYPES = (
    ".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
)


class UploadForm(forms.Form):
    source_format = forms.ChoiceField(label="The file is")
    file = forms.FileField(
        label="The vendor's file",
        help_text="An Excel workbook (.xlsx) or a CSV file, up to 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_TYPES}),
    )

    def __init__(self, *args, formats: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source_format"].choices = formats


class ColumnMappingForm(forms.Form):
    name = forms.CharField(
        max_length=120,
        help_text="How the format is listed, e.g. “Acme security questionnaire 2026”.",
    )
    sheet = forms.CharField(
        max_length=100,
        required=False,
        label="Sheet",
        help_text=(
            "The sheet that holds the questions; leave empty to read the first sheet (or a CSV "
            "file)."
        ),
    )
    id_column = forms.CharField(
        max_length=120,
        label="Question id column",
        help_text="The header of the column with the file's question ids.",
    )
    answer_column = forms.CharField(
        max_length=120,
        label="Answer column",
        help_text="The header of the column with the vendor's answers.",
    )
    notes_column = forms.CharField(
        max_length=120,
        required=False,
        label="Notes column",
        help_text="The header of the column with the vendor's explanations.",
    )
    links = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        label="Which of our questions each id informs",
        help_text=(
            "One per line: the file's question id, “=”, then our question's key, e.g. "
            "SEC-12 = basics.admin_mfa. An id may inform several questions (one line each). "
            "An answer that names one of our options is an exact match; any other answer comes in "
            "as the explanation."
        ),
    )
