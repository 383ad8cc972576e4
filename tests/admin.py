"""Driving the admin as a browser would."""

from __future__ import annotations


def form_data(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What a browser would post back from an admin change page."""
    data: dict[str, object] = {}
    forms = [page.context["adminform"].form]
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f.html_name: f.value() for f in management})
        forms += formset.formset.forms
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None:
                data[field.html_name] = value
    return data
