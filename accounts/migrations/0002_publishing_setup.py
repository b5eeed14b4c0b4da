"""The publishing set-up (docs/site.md, "Who publishes"): Editors publish English pages and
Translators publish translations directly; no review workflow is on.

Wagtail's first migration made a "Moderators approval" workflow on the whole tree, waiting on
the "Moderators" group, which nobody is in: Editors were offered "Submit to Moderators
approval" and their pages would wait forever. Every active workflow with a step that waits
only on groups without members is switched off (not deleted: an organizer can put people in the
group and switch it back on in Settings → Workflows)."""

from django.db import migrations


def switch_off_unstaffed_workflows(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    User = apps.get_model("auth", "User")
    for workflow in Workflow.objects.filter(active=True):
        task_ids = workflow.workflow_tasks.values_list("task_id", flat=True)
        for task in GroupApprovalTask.objects.filter(pk__in=task_ids, active=True):
            groups = task.groups.all()
            if not User.objects.filter(groups__in=groups, is_active=True).exists():
                workflow.active = False
                workflow.save(update_fields=["active"])
                break


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(switch_off_unstaffed_workflows, migrations.RunPython.noop)]
