"""Every read of the works app with a rule in it (see the modules; docs/works.md lists the figure selectors)."""
