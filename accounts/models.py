"""Memberships: which user works for which unit, in which role."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.constants import REVIEW_ROLES, Role


class Membership(models.Model):
    """A user's role in one unit; a user may hold several (an officer of two communes, staff of a district).

    The unit's subtree is what the membership reaches; an administrator needs no unit and reaches everything.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        "units.AdministrativeUnit",
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    may_reopen = models.BooleanField(
        _("được mở lại phiếu đã duyệt"),
        default=False,
        help_text=_("Mở lại phiếu đã duyệt (kèm lý do) và sửa phiếu trong kỳ đã khóa nhập liệu."),
    )
    may_sign = models.BooleanField(
        _("người ký"),
        default=False,
        help_text=_(
            "Ban hành và ký số văn bản của chính đơn vị này bằng chứng thư của cơ quan (thường là Chủ tịch, Phó Chủ "
            "tịch hoặc Chánh Văn phòng). Chỉ quản trị viên cấp quyền này."
        ),
    )
    may_manage_accounts = models.BooleanField(
        _("quản lý tài khoản"),
        default=False,
        help_text=_(
            "Tạo tài khoản, thêm, gỡ phân quyền, khóa, mở khóa và gửi e-mail đặt mật khẩu cho người dùng của đơn vị "
            "này và các đơn vị trực thuộc (trang “Tài khoản”). Chỉ cho chuyên viên cấp huyện, cấp tỉnh; chỉ quản "
            "trị viên cấp quyền này."
        ),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("phân quyền theo đơn vị")
        verbose_name_plural = _("phân quyền theo đơn vị")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="membership_unique"),
            models.CheckConstraint(
                condition=Q(role=Role.ADMINISTRATOR) | Q(unit__isnull=False), name="membership_unit_unless_admin"
            ),
            # Managing accounts goes with a reviewer's membership: an officer's account is managed, not managing.
            models.CheckConstraint(
                condition=Q(may_manage_accounts=False) | Q(role__in=REVIEW_ROLES),
                name="membership_manage_accounts_staff_only",
                violation_error_message=_("Chỉ chuyên viên cấp huyện, cấp tỉnh được giao quyền quản lý tài khoản."),
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.full_name if self.unit_id else _("toàn hệ thống")
        return f"{self.user} – {self.get_role_display()} – {where}"
