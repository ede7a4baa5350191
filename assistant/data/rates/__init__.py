"""Dated rate tables for the calculators, one YAML file per table (see :mod:`assistant.calculators.rates`)."""
