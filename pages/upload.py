"""upload page."""

import streamlit as st

st.title("upload")
