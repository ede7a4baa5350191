"""Evaluation: the QA set as data, pure metrics, a runner that writes reports, a baseline, calibration."""
