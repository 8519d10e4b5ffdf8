"""The only Streamlit-aware part of the package: cached data access, filters, sign-in, widgets."""
