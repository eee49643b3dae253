"""Every read of programme control with a rule in it (scoped per user where it lists records)."""
