from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_http_methods

from hub.accounts.forms import (
    HubPasswordChangeForm,
    HubPasswordResetForm,
    HubSetPasswordForm,
    RegisterForm,
    RolesForm,
    SignInForm,
)
from hub.accounts.middleware import signed_out_message
from hub.accounts.models import User
from hub.accounts.roles import Role
from hub.accounts.selectors import user_list
from hub.accounts.services import (
    password_reset_allowed,
    password_reset_done,
    user_register,
    user_set_roles,
)
from hub.accounts.two_factor import authenticator_of, is_staff_account, security_summary
from hub.core.pagination import paginate
from hub.core.permissions import permission_required


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get(self, request, *args, **kwargs):
        reason = signed_out_message(request)
        if reason:
            messages.info(request, reason)
        return super().get(request, *args, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """django-axes' answer once an email address and IP address have failed too often."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("accounts:account")
    form = RegisterForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = user_register(**form.cleaned_data)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account has been created")
        return redirect("accounts:account")
    return render(request, "accounts/register.html", {"form": form})


@permission_required("accounts.view_own_account")
def account(request):
    return render(
        request,
        "accounts/account.html",
        {"roles": _roles_of(request.user), "security": security_summary(request.user)},
    )


@permission_required("accounts.manage_roles")
def people(request):
    query = request.GET.get("q", "").strip()
    role = request.GET.get("role", "")
    role = role if role in Role.values else ""
    pagination = paginate(request, user_list(query=query, role=role))
    return render(
        request,
        "accounts/people.html",
        {"pagination": pagination, "query": query, "role": role, "role_choices": Role.choices},
    )


@permission_required("accounts.manage_roles")
@require_http_methods(["GET", "POST"])
def person_roles(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    initial = {"roles": [r for r in person.role_names if r != Role.MEMBER]}
    form = RolesForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            user_set_roles(user=person, roles=form.cleaned_data["roles"], by=request.user)
        except ValueError as error:
            form.add_error("roles", str(error))
        else:
            messages.success(request, f"Roles saved for {person}")
            return redirect("accounts:people")
    return render(
        request,
        "accounts/person_roles.html",
        {
            "form": form,
            "person": person,
            "person_is_staff": is_staff_account(person),
            "person_authenticator": authenticator_of(person),
        },
    )


def _roles_of(user: User) -> list[str]:
    return [role.label for role in Role if user.has_role(role)]


class PasswordResetView(auth_views.PasswordResetView):
    form_class = HubPasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password-reset-sent")

    def form_valid(self, form):
        # Over the limit, nothing is sent but the page is the same: it reveals nothing.
        if not password_reset_allowed(form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = HubSetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password-reset-complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        password_reset_done(form.user)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = HubPasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:account")

    def form_valid(self, form):
        messages.success(self.request, "Your password has been changed")
        return super().form_valid(form)
