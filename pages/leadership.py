"""leadership page."""

import streamlit as st

st.title("leadership")
