"""公民參與: e-proposals with verified endorsements, participatory budgeting, consultations, subsidies."""
