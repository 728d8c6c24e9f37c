"""Forms for the HRA and Decent Homes pages: they check what a person typed; the services hold the rules."""
