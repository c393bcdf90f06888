"""Proposing evidence-backed entities and facts from one article: a draft for a reviewer."""
