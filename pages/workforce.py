"""workforce page."""

import streamlit as st

st.title("workforce")
