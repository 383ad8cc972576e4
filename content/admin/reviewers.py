"""Reviewer profiles on the admin's user pages: the name and credentials a
clinical reviewer's approvals show to readers (content.approval)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from content.models import ReviewerProfile


class ReviewerProfileInline(admin.StackedInline):
    model = ReviewerProfile
    can_delete = True
    verbose_name = "reviewer profile (for members of “Clinical reviewer”)"


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class UserWithReviewerProfileAdmin(UserAdmin):
    inlines = (ReviewerProfileInline,)
