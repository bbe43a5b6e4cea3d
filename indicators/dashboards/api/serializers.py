"""Serializers of the league table."""

from __future__ import annotations

from rest_framework import serializers

from units.api.serializers import UnitBriefSerializer, UnitSerializer


class RankingQuerySerializer(serializers.Serializer):
    scheme = serializers.CharField(max_length=40, help_text="Mã bộ chỉ số, ví dụ qd766.")
    period = serializers.CharField(max_length=10, help_text="Mã kỳ, ví dụ 2024-01.")
    parent = serializers.IntegerField(min_value=1, max_value=2**62, help_text="Đơn vị cấp trên (id).")


class RankingGroupSerializer(serializers.Serializer):
    code = serializers.CharField()
    points = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    maximum = serializers.DecimalField(max_digits=7, decimal_places=2)


class RankingRowSerializer(serializers.Serializer):
    scorecard = serializers.IntegerField()
    unit = UnitBriefSerializer()
    total = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    classification = serializers.CharField(allow_null=True)
    rank = serializers.IntegerField(allow_null=True)
    rank_of = serializers.IntegerField(allow_null=True)
    cohort = serializers.CharField(help_text="Khối xếp hạng riêng: “xã, phường”, “sở, ban, ngành”, “phòng, ban”.")
    delta_points = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    delta_rank = serializers.IntegerField(allow_null=True)
    groups = RankingGroupSerializer(many=True)
    status = serializers.CharField(help_text="draft, submitted, approved, returned: a draft's rank is provisional.")
    final = serializers.BooleanField(help_text="Đã nộp hoặc đã duyệt.")
    achieved = serializers.DecimalField(
        max_digits=7, decimal_places=2, allow_null=True, help_text="Điểm đạt được (thô), trên applicable_max."
    )
    applicable_max = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)


class CompletenessSerializer(serializers.Serializer):
    """How many of the period's scorecards are submitted and approved: the basis of the ranks."""

    units = serializers.IntegerField()
    cards = serializers.IntegerField()
    draft = serializers.IntegerField()
    submitted = serializers.IntegerField()
    approved = serializers.IntegerField()
    all_approved = serializers.BooleanField()
    draft_ranking = serializers.CharField()
    sentence = serializers.CharField()


class RankingSerializer(serializers.Serializer):
    scheme = serializers.CharField()
    period = serializers.CharField()
    period_label = serializers.CharField()
    parent = UnitSerializer()
    completeness = CompletenessSerializer()
    rows = RankingRowSerializer(many=True)
