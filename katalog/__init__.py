"""Katalog Lokal: a regional government's local e-catalogue and e-purchasing."""
