import pytest

from katalog.core.errors import PermissionDeniedError
from katalog.imports import services
from katalog.imports.models import ImportJob
from katalog.vendors.models import Vendor

from .sheets import vendor_row, vendors_csv

pytestmark = pytest.mark.django_db


def test_runs_a_small_file_at_once(curator):
    job = services.import_job_start(actor=curator, kind="vendors", data=vendors_csv(vendor_row(1)),
                                    filename="v.csv", options={"verified": True, "approve": True})

    assert job.status == "finished" and job.report["created"] == 1
    assert job.options == {"verified": True, "skip_invalid": False}  # options of another kind are dropped
    assert job.started_at is not None and job.finished_at is not None


def test_queues_a_big_file_as_a_task(curator, settings):
    settings.KATALOG = {**settings.KATALOG, "IMPORT_INLINE_MAX_BYTES": 10}  # the test backend runs tasks inline

    job = services.import_job_start(actor=curator, kind="vendors", data=vendors_csv(vendor_row(1)),
                                    filename="v.csv", options={})

    assert job.status == "finished"
    assert Vendor.objects.filter(code="IMP-001").exists()


def test_runs_a_job_only_once(curator):
    job = services.import_job_create(actor=curator, kind="vendors", data=vendors_csv(vendor_row(1)),
                                     filename="v.csv", options={})
    services.import_job_run(job_id=job.pk)
    Vendor.objects.all().update(name="Renamed")

    again = services.import_job_run(job_id=job.pk)

    assert again.status == "finished" and again.report["created"] == 1
    assert Vendor.objects.get().name == "Renamed"


def test_refuses_an_import_by_a_non_curator(vendor_owner):
    with pytest.raises(PermissionDeniedError):
        services.import_job_create(actor=vendor_owner, kind="vendors", data=b"x", filename="v.csv", options={})
    assert not ImportJob.objects.exists()


def test_marks_a_job_failed_when_the_import_breaks(curator, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "import_vendors", broken)

    job = services.import_job_start(actor=curator, kind="vendors", data=vendors_csv(vendor_row(1)),
                                    filename="v.csv", options={})

    assert job.status == "failed" and "unexpected error" in job.error_message
