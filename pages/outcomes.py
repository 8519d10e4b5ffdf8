"""outcomes page."""

import streamlit as st

st.title("outcomes")
