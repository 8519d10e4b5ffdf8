"""overview page."""

import streamlit as st

st.title("overview")
