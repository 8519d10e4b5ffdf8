"""Gaps and risks page."""

import streamlit as st

st.title("Gaps and risks")
