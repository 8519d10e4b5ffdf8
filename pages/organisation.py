"""organisation page."""

import streamlit as st

st.title("organisation")
