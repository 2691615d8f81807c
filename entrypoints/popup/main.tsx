import { render } from 'preact';
import { PopupApp } from '../../components/popup-app.tsx';
import '../../components/base.css';

const root = document.getElementById('app');
if (root) render(<PopupApp />, root);
