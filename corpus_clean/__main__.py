"""``python -m corpus_clean`` runs the command line."""
from .cli import main

main()
