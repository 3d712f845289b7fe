"""Business-matching events: registration, 1:1 meeting schedules, printable agendas."""
