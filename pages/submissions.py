"""submissions page."""

import streamlit as st

st.title("submissions")
