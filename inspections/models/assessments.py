"""Self-assessments: an ALMO scores each question of a framework, with a narrative, an owner and evidence."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from inspections import querysets
from inspections.models.evidence import Evidence
from inspections.models.frameworks import Framework, Question
from organisations.models import Almo


class Score(models.IntegerChoices):
    """The four-point scale, matching the inspectorate's descriptors and its star ratings."""

    POOR = 1, "1: poor"
    FAIR = 2, "2: fair"
    GOOD = 3, "3: good"
    EXCELLENT = 4, "4: excellent"


SCORE_ERROR = "Choose a score from 1 (poor) to 4 (excellent)."


class Assessment(models.Model):
    """One ALMO's self-assessment against one framework."""

    almo = models.ForeignKey(Almo, on_delete=models.PROTECT, related_name="inspection_assessments")
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    started_at = models.DateTimeField(auto_now_add=True)

    objects = querysets.AssessmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["almo__name", "framework__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["almo", "framework"],
                name="inspections_one_assessment_per_framework",
                violation_error_message="This ALMO already has a self-assessment against this framework.",
            )
        ]

    def __str__(self):
        return f"{self.almo.name}: {self.framework.name}"

    def get_absolute_url(self):
        return reverse("inspections:assessment_detail", kwargs={"pk": self.pk})


class Answer(models.Model):
    """The ALMO's answer to one question: a score, the story behind it, who owns it and the evidence."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        choices=Score.choices,
        validators=[MinValueValidator(1, SCORE_ERROR), MaxValueValidator(4, SCORE_ERROR)],
    )
    narrative = models.TextField(blank=True, help_text="How the ALMO meets the question, and what is still missing.")
    owner = models.CharField(max_length=150, blank=True, help_text="The person who keeps this answer up to date.")
    last_reviewed = models.DateField(null=True, blank=True)
    evidence = models.ManyToManyField(Evidence, blank=True, related_name="answers")

    objects = querysets.AnswerQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[evidence])

    class Meta:
        ordering = ["question__area__order", "question__order", "question__pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "question"],
                name="inspections_one_answer_per_question",
                violation_error_message="This question already has an answer in this self-assessment.",
            ),
            models.CheckConstraint(
                condition=models.Q(score__isnull=True) | models.Q(score__gte=1, score__lte=4),
                name="inspections_score_on_the_scale",
                violation_error_message=SCORE_ERROR,
            ),
        ]

    def __str__(self):
        return f"{self.question.code} for {self.assessment.almo.name}"

    def get_absolute_url(self):
        return reverse("inspections:answer_edit", kwargs={"pk": self.pk})
