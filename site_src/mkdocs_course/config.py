"""Options of the ``course-quiz`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as opt


class CourseQuizConfig(base.Config):
    """Plugin options, as written under ``plugins: - course-quiz:`` in mkdocs.yml."""

    enabled = opt.Type(bool, default=True)
    """Turn the plugin off (quiz blocks then stay unrendered)."""

    quizzes_dir = opt.Type(str, default="quizzes")
    """Folder of quiz files, relative to mkdocs.yml."""

    verify = opt.Type(bool, default=True)
    """Verify the written pages against the source keys after each build."""

    allowed_hosts = opt.ListOfItems(opt.Type(str), default=[])
    """Hosts the course may load resources from (images, frames, media, scripts, stylesheets) in pages
    and quiz text, such as ``[media.example.org]``. Empty by default: the course makes no request to any
    host but its own (``site_url``'s), and ``course check`` reports every other one (Q502). ``course
    check`` and the Markdown extension read this option from mkdocs.yml too (``course_quiz.siteconfig``)."""

    edition = opt.Choice(("student", "instructor"), default="student")
    """Which edition to build: ``student`` (instructor notes left out) or ``instructor`` (notes, keys,
    answer-key pages, a banner and ``noindex`` on every page). mkdocs-instructor.yml sets ``instructor``."""

    instructor_site_name = opt.Type(str, default="")
    """The instructor edition's ``site_name``. Empty (the default): the student edition's ``site_name``
    followed by " (instructor edition)", so renaming the course in mkdocs.yml renames both editions."""

    offline_archive = opt.Type(str, default="")
    """The offline copy's archive, relative to mkdocs.yml (mkdocs.yml: ``build/course-offline.zip``, which
    ``make offline`` writes). When the file exists, the build publishes it as ``downloads/course-offline.zip``
    and fills the home page's offline link (``<p class="cq-offline">``) with its address and size; when it
    does not (or the option is empty, as in mkdocs-offline.yml), the link is left out of the page."""
