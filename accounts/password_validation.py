"""Django's four password rules with Vietnamese messages and help texts (AUTH_PASSWORD_VALIDATORS).

Django's own Vietnamese catalogue leaves some of them in English (the minimum length, a plural form it lacks), so
the password change, reset and set forms mixed languages. Only the words change here; the rules are Django's.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return _("Mật khẩu có ít nhất %(min_length)d ký tự.") % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu quá giống thông tin tài khoản (%(verbose_name)s); hãy chọn mật khẩu khác hẳn.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được quá giống tên đăng nhập, họ tên hoặc e-mail của bạn.")


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu này quá phổ biến, dễ bị đoán; hãy chọn mật khẩu khác.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được là mật khẩu phổ biến (như 12345678, password).")


class NumericPasswordValidator(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số; hãy thêm chữ cái hoặc ký hiệu.")

    def get_help_text(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")
