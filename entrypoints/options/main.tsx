import { render } from 'preact';
import { OptionsApp } from '../../components/options-app.tsx';
import '../../components/base.css';

const root = document.getElementById('app');
if (root) render(<OptionsApp />, root);
