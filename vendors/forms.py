"""Browser forms: they parse what was typed. The services decide what is allowed."""

from django import forms

from vendors.models import Offering

NAME_REQUIRED = "Enter a name."
DEPLOYMENT_MODEL_REQUIRED = "Choose how the offering is deployed."
EMAIL_REQUIRED = "Enter an e-mail address."


class VendorForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": NAME_REQUIRED})
    website = forms.URLField(
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text="A web address starting with https:// or http://.",
    )
    country = forms.CharField(max_length=100, required=False)
    notes = forms.CharField(
        max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class OfferingForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": NAME_REQUIRED})
    deployment_model = forms.ChoiceField(
        choices=[("", "Choose…"), *Offering.Deployment.choices],
        error_messages={"required": DEPLOYMENT_MODEL_REQUIRED},
    )
    description = forms.CharField(
        max_length=10_000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ContactForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": NAME_REQUIRED})
    email = forms.EmailField(label="E-mail address", error_messages={"required": EMAIL_REQUIRED})
    role = forms.CharField(max_length=200, required=False, help_text="Job title or function.")
    phone = forms.CharField(max_length=50, required=False)
