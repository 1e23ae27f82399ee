from django.contrib.auth import views as auth_views
from django.urls import path

from hub.accounts import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.account, name="account"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.SignOutView.as_view(), name="sign-out"),
    path("create/", views.register, name="register"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="password-reset-sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password-reset-complete",
    ),
    path("people/", views.people, name="people"),
    path("people/<int:pk>/roles/", views.person_roles, name="person-roles"),
    path(
        "people/<int:pk>/two-factor/reset/",
        two_factor_views.person_two_factor_reset,
        name="person-two-factor-reset",
    ),
    # Reachable by a signed-in staff account before its second factor (hub.accounts.middleware).
    path("two-factor/set-up/", two_factor_views.set_up, name="two-factor-set-up"),
    path("two-factor/verify/", two_factor_views.verify, name="two-factor-verify"),
    path("two-factor/backup-code/", two_factor_views.verify_backup, name="two-factor-backup"),
    path(
        "two-factor/backup-codes/",
        two_factor_views.backup_codes,
        name="two-factor-backup-codes",
    ),
]
